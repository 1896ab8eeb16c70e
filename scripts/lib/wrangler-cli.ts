/** Running wrangler offline from Node scripts (toolchain.md): its binary, a quiet environment, local migrations. */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'

/** The repository root: the nearest folder up from the working directory that holds wrangler.jsonc. */
export const REPO_ROOT = findRoot(resolve(process.cwd()))

function findRoot(dir: string): string {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, 'wrangler.jsonc'))) return at
    if (dirname(at) === at) return dir
  }
}

/** wrangler's JS entry, run with this Node: no npx, no shell. */
export function wranglerEntry(): string {
  const require = createRequire(join(REPO_ROOT, 'package.json'))
  return join(dirname(require.resolve('wrangler/package.json')), 'bin', 'wrangler.js')
}

/** Keeps wrangler from reaching Cloudflare at start (harmless but slow offline). */
export const WRANGLER_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
}

/** `wrangler d1 migrations apply kling-frames --local`, into `persistTo` when given (else .wrangler/state). */
export function applyLocalMigrationsAsync(persistTo?: string, quiet = false): Promise<void> {
  const args = [wranglerEntry(), 'd1', 'migrations', 'apply', 'kling-frames', '--local', ...(persistTo ? ['--persist-to', persistTo] : [])]
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...WRANGLER_ENV, CI: 'true' }, stdio: quiet ? 'pipe' : 'inherit' })
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    child.on('error', fail)
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`wrangler d1 migrations apply failed (exit ${code})\n${output.slice(-2000)}`))))
  })
}

/** `--var NAME:value` pairs for wrangler dev. */
export function varArgs(vars: Record<string, string>): string[] {
  return Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`])
}
