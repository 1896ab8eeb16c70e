/**
 * Builds the Figma plugin into `dist/`: `code.js` (the main thread, one ES2017 IIFE), `ui.html` (the Preact UI
 * with its JS and CSS inlined, since Figma loads the UI as one self-contained document) and `manifest.json` (the
 * repository's manifest with the backend origin in `networkAccess`, which is what Figma lets the panel reach).
 *
 *   npm run build                                                   # backend http://localhost:8787 (development)
 *   KLING_FRAMES_BACKEND_URL=https://kf.<account>.workers.dev npm run build   # a deployed backend
 *
 * Then import dist/manifest.json in Figma. A backend Figma could not reach (plain http, an IP address, a path,
 * a workers.dev host that is not <worker>.<account>.workers.dev) fails the build with the reason.
 */
import { build } from 'esbuild'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { checkBackendOrigin, networkAccessFor, reachableDomains, type NetworkAccess } from '../shared/network/network-access'

const ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)))
const DEFAULT_BACKEND_URL = 'http://localhost:8787'

export interface BuildOptions {
  /** Default backend URL baked into both bundles; defaults to env KLING_FRAMES_BACKEND_URL, else localhost:8787. */
  backendUrl?: string
  minify?: boolean
  /** Relative to the repository root unless absolute. */
  outdir?: string
}

export interface BuiltFile {
  path: string
  bytes: number
  gzipBytes: number
}

export interface BuildResult {
  code: BuiltFile
  ui: BuiltFile
  manifest: BuiltFile
  /** The backend origin the build was made for. */
  backendOrigin: string
  networkAccess: NetworkAccess
}

export async function buildPlugin({
  backendUrl = process.env.KLING_FRAMES_BACKEND_URL || DEFAULT_BACKEND_URL,
  minify = true,
  outdir = 'dist',
}: BuildOptions = {}): Promise<BuildResult> {
  const uiEntry = join(ROOT, 'ui/main.tsx')
  if (!existsSync(uiEntry)) {
    throw new Error('ui/main.tsx does not exist yet: the UI entry is needed to build dist/ui.html.')
  }
  const backend = checkBackendOrigin(backendUrl)
  if (!backend.ok) {
    throw new Error(`KLING_FRAMES_BACKEND_URL: ${backend.reason}. Figma only lets the panel reach the origin written into the manifest's networkAccess.`)
  }
  const template = JSON.parse(await readFile(join(ROOT, 'manifest.json'), 'utf8')) as Record<string, unknown> & { networkAccess?: NetworkAccess }
  const networkAccess = networkAccessFor(backend.origin, backend.local, template.networkAccess ?? { allowedDomains: ['none'] })
  // dist/ holds code.js and ui.html next to the manifest, so its paths are plain file names.
  const manifest = { ...template, main: 'code.js', ui: 'ui.html', networkAccess }

  const out = resolve(ROOT, outdir)
  await mkdir(out, { recursive: true })
  const define = {
    __DEFAULT_BACKEND_URL__: JSON.stringify(backend.origin),
    __NETWORK_DOMAINS__: JSON.stringify(reachableDomains(networkAccess)),
  }

  const main = await build({
    entryPoints: [join(ROOT, 'plugin/main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    // The plugin sandbox lacks some newer syntax (object spread, for one); create-figma-plugin targets es2017 too.
    target: 'es2017',
    minify,
    define,
    logLevel: 'warning',
  })
  const code = main.outputFiles[0].text

  const ui = await build({
    entryPoints: [uiEntry],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    target: 'es2020',
    minify,
    define,
    logLevel: 'warning',
  })
  const script = ui.outputFiles[0].text.replace(/<\/script/gi, '<\\/script')
  const css = await readFile(join(ROOT, 'ui/styles.css'), 'utf8').catch(() => '')
  const html =
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<style>${css.replace(/<\/style/gi, '<\\/style')}</style></head>` +
    `<body><div id="app"></div><script>${script}</script></body></html>`

  return {
    code: await writeOutput(join(out, 'code.js'), code),
    ui: await writeOutput(join(out, 'ui.html'), html),
    manifest: await writeOutput(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`),
    backendOrigin: backend.origin,
    networkAccess,
  }
}

async function writeOutput(path: string, text: string): Promise<BuiltFile> {
  await writeFile(path, text)
  const raw = Buffer.from(text)
  return { path, bytes: raw.length, gzipBytes: gzipSync(raw).length }
}

/** The nearest folder with a package.json: this file may run bundled from node_modules/.cache (scripts/run-ts.mjs). */
function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`)
  }
}

function describe(file: BuiltFile): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
  return `${relative(process.cwd(), file.path).padEnd(16)} ${kb(file.bytes).padStart(9)}  (${kb(file.gzipBytes)} gzip)`
}

// Run directly (`node scripts/run-ts.mjs scripts/build.ts`, which sets argv[1] to this file), not when imported.
if (process.argv[1] && resolve(process.argv[1]) === join(ROOT, 'scripts/build.ts')) {
  buildPlugin().then(
    (result) => {
      console.log(describe(result.code))
      console.log(describe(result.ui))
      console.log(`${relative(process.cwd(), result.manifest.path)}: backend ${result.backendOrigin}; networkAccess ${JSON.stringify(result.networkAccess.allowedDomains)}` +
        (result.networkAccess.devAllowedDomains ? `, development ${JSON.stringify(result.networkAccess.devAllowedDomains)}` : ''))
      console.log('Import dist/manifest.json in Figma (Plugins → Development → Import plugin from manifest…).')
    },
    (error: unknown) => {
      console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`)
      process.exitCode = 1
    },
  )
}
