/** Running wrangler offline from Node scripts (toolchain.md): its binary and a quiet environment. */
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

/** `--var NAME:value` pairs for wrangler dev. */
export function varArgs(vars: Record<string, string>): string[] {
  return Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`])
}
