/** The Worker's deployable bundle size: `wrangler deploy --dry-run --outdir`, measured like wrangler measures it. */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export interface BundleSize {
  command: string
  files: { name: string; bytes: number }[]
  /** Sum of the emitted .js modules (source maps excluded). */
  rawBytes: number
  /** gzip (node:zlib, default level) of the .js modules concatenated, which is how wrangler computes its figure. */
  gzipBytes: number
  /** wrangler's own "Total Upload: … / gzip: …" line, if it printed one. */
  wranglerLine: string | null
}

const TIMEOUT_MS = 180_000

/** Runs the dry-run deploy in `cwd`; `register` lets the caller kill it on a signal. */
export async function measureBundle(cwd: string, register: (kill: () => void) => () => void): Promise<BundleSize> {
  const outdir = mkdtempSync(join(tmpdir(), 'kf-bench-bundle-'))
  const args = ['wrangler', 'deploy', '--dry-run', '--outdir', outdir]
  const command = `CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_SEND_METRICS=false npx ${args.join(' ')}`
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('npx', args, {
        cwd,
        env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      })
      const kill = () => {
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL')
        } catch {
          // already gone
        }
      }
      const unregister = register(kill)
      let text = ''
      child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()))
      const timer = setTimeout(() => {
        kill()
        reject(new Error(`wrangler deploy --dry-run did not finish within ${TIMEOUT_MS / 1000} s`))
      }, TIMEOUT_MS)
      child.once('error', (error) => {
        clearTimeout(timer)
        unregister()
        reject(error)
      })
      child.once('close', (code) => {
        clearTimeout(timer)
        unregister()
        if (code === 0) resolve(text)
        else reject(new Error(`wrangler deploy --dry-run exited with ${code}:\n${text.trim().split('\n').slice(-15).join('\n')}`))
      })
    })
    // eslint-disable-next-line no-control-regex
    const plain = output.replace(/\x1b\[[0-9;]*m/g, '')
    const wranglerLine = /Total Upload:[^\n]*/.exec(plain)?.[0].trim() ?? null
    const names = readdirSync(outdir, { recursive: true, encoding: 'utf8' }).filter((name) => /\.(m?js|cjs)$/.test(name)).sort()
    if (names.length === 0) throw new Error(`wrangler emitted no .js file into ${outdir}`)
    const contents = names.map((name) => readFileSync(join(outdir, name)))
    return {
      command,
      files: names.map((name, i) => ({ name, bytes: contents[i].length })),
      rawBytes: contents.reduce((sum, buf) => sum + buf.length, 0),
      gzipBytes: gzipSync(Buffer.concat(contents)).length,
      wranglerLine,
    }
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
}
