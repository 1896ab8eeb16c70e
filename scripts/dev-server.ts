/**
 * `npm run dev:server -- [wrangler dev args]`: runs the Worker under
 * `wrangler dev --ip 127.0.0.1 --port 8787` in the foreground with the dev vars (devWorkerVars), passing every
 * extra argument through, e.g. `-- --port 9000 --var KLING_API_BASE:http://127.0.0.1:9001`. Your `--port`, `--ip`
 * and `--var NAME:…` win over the defaults. Ctrl-C stops it.
 */
import { spawn } from 'node:child_process'
import { devWorkerVars } from './lib/dev-worker-vars'
import { REPO_ROOT, varArgs, WRANGLER_ENV, wranglerEntry } from './lib/wrangler-cli'

const extra = process.argv.slice(2)
const option = (name: string) => {
  const i = extra.findIndex((arg) => arg === name || arg.startsWith(`${name}=`))
  if (i < 0) return undefined
  return extra[i].includes('=') ? extra[i].split('=').slice(1).join('=') : extra[i + 1]
}
const port = Number(option('--port') ?? 8787)
const given = new Set(
  extra.flatMap((arg, i) => (extra[i - 1] === '--var' ? [arg] : arg.startsWith('--var=') ? [arg.slice(6)] : [])).map((pair) => pair.split(':')[0]),
)
const defaults = Object.fromEntries(Object.entries(devWorkerVars(port)).filter(([name]) => !given.has(name)))

const args = [
  wranglerEntry(),
  'dev',
  ...(option('--ip') ? [] : ['--ip', '127.0.0.1']),
  ...(option('--port') ? [] : ['--port', '8787']),
  ...varArgs(defaults),
  ...extra,
]
console.log(`Worker on http://127.0.0.1:${port} (client token: Bearer kf-dev-token unless CLIENT_TOKENS is overridden)`)
const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: WRANGLER_ENV, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => child.kill(signal))
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
