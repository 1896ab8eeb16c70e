/**
 * Serves the playground: the page bundled once by esbuild into memory at start, and the built plugin
 * (`dist/code.js`, `dist/ui.html`) read from disk on every request so a rebuild shows up on reload.
 *
 *   const playground = await startPlayground({ port: 0 })
 *   await page.goto(`${playground.url}/?scenario=placeholders`)
 */
import { build } from 'esbuild'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface PlaygroundOptions {
  /** 0 (default) picks a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** The plugin build to run, relative to the repository root unless absolute. Default `dist`. */
  distDir?: string
}

export interface PlaygroundServer {
  /** e.g. `http://127.0.0.1:8788` (no trailing slash). */
  url: string
  close(): Promise<void>
}

const ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)))
const PAGE_DIR = join(ROOT, 'test/playground/page')

export async function startPlayground({ port = 0, host = '127.0.0.1', distDir = 'dist' }: PlaygroundOptions = {}): Promise<PlaygroundServer> {
  const script = await bundlePage()
  const dist = resolve(ROOT, distDir)
  const routes: Record<string, () => Promise<{ type: string; body: string | Uint8Array }>> = {
    '/': async () => ({ type: 'text/html; charset=utf-8', body: await readFile(join(PAGE_DIR, 'index.html')) }),
    '/page.css': async () => ({ type: 'text/css; charset=utf-8', body: await readFile(join(PAGE_DIR, 'page.css')) }),
    '/page.js': async () => ({ type: 'text/javascript; charset=utf-8', body: script }),
    '/dist/code.js': async () => ({ type: 'text/javascript; charset=utf-8', body: await readFile(join(dist, 'code.js')) }),
    '/dist/ui.html': async () => ({ type: 'text/html; charset=utf-8', body: await readFile(join(dist, 'ui.html')) }),
    // The page builds the plugin window's Content-Security-Policy from it, as Figma does.
    '/dist/manifest.json': async () => ({ type: 'application/json; charset=utf-8', body: await readFile(join(dist, 'manifest.json')) }),
  }
  routes['/index.html'] = routes['/']

  const server = createServer((req, res) => {
    handle(routes, req, res).catch((error: unknown) => {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT'
      send(res, missing ? 404 : 500, 'text/plain; charset=utf-8', missing ? `${req.url} not found (is the plugin built? npm run build)` : String(error))
    })
  })
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolveListen())
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()))
        server.closeAllConnections()
      }),
  }
}

async function handle(routes: Record<string, () => Promise<{ type: string; body: string | Uint8Array }>>, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://playground').pathname
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed')
  if (path === '/favicon.ico') return send(res, 204, 'text/plain', '')
  const route = routes[path]
  if (!route) return send(res, 404, 'text/plain; charset=utf-8', `${path} not found`)
  const { type, body } = await route()
  send(res, 200, type, req.method === 'HEAD' ? '' : body)
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  res.end(body)
}

async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [join(PAGE_DIR, 'main.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    // plugin/settings.ts (for SETTINGS_KEY) refers to the build-time default backend.
    define: { __DEFAULT_BACKEND_URL__: JSON.stringify('http://localhost:8787'), __NETWORK_DOMAINS__: '[]' },
    logLevel: 'silent',
  })
  return result.outputFiles[0].text
}

/** The nearest folder with a package.json: this file may run bundled from node_modules/.cache (scripts/run-ts.mjs). */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`)
  }
}
