/** Builds dist/ when it is missing or older than any source it is built from (`npm test` builds it beforehand). */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { buildPlugin } from '../../../scripts/build'
import { ROOT } from './env'

const SOURCES = ['plugin', 'ui', 'shared', 'scripts/build.ts']
const OUTPUTS = ['dist/code.js', 'dist/ui.html']

/** Returns why it built, or null when dist/ was up to date. */
export async function ensureBuilt(): Promise<string | null> {
  const reason = staleReason()
  if (!reason) return null
  await buildPlugin()
  return reason
}

function staleReason(): string | null {
  const outputs = OUTPUTS.map((p) => join(ROOT, p))
  const missing = outputs.find((p) => !existsSync(p))
  if (missing) return `${missing} was missing`
  const built = Math.min(...outputs.map((p) => statSync(p).mtimeMs))
  const newest = Math.max(...SOURCES.map((p) => newestMtime(join(ROOT, p))))
  return newest > built ? 'sources changed since the last build' : null
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}
