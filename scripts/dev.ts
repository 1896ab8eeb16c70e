/**
 * `[PROVIDER=kling|fal|pixeldojo|apimodels] npm run dev [-- --verbose]`: the whole product on this machine with no
 * keys. Starts the simulator of the chosen provider (127.0.0.1:9001; fal's status server on 9002), builds the plugin
 * into dist/ (and rebuilds it when plugin/, ui/ or shared/ change), runs the Worker under wrangler dev
 * (127.0.0.1:8787, local Durable Objects and R2, dev token), serves the playground (127.0.0.1:8788), and
 * prints where everything is. Ctrl+C stops it all; if one part dies, the rest stop and the exit code is 1.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { startPlayground, type PlaygroundServer } from '../test/playground/serve'
import { SELLERS, sellerWorkerVars, startSellerSimulator, type Seller } from '../test/sellers/start-seller-simulator'
import { startKlingSimulator } from '../test/simulator/kling-simulator'
import { buildPlugin, type BuildResult } from './build'
import { devWorkerVars } from './lib/dev-worker-vars'
import { REPO_ROOT } from './lib/wrangler-cli'
import { startWorker, type WorkerProcess } from './lib/worker-process'

const PORTS = { simulator: 9001, worker: 8787, playground: 8788 }
const HOST = '127.0.0.1'
const SIMULATED_JOB_MS = 2000
/** The client token devWorkerVars() configures (CLIENT_TOKENS=dev:kf-dev-token). */
const DEV_TOKEN = 'kf-dev-token'
const WATCHED = ['plugin', 'ui', 'shared']

const { values: flags } = parseArgs({ options: { verbose: { type: 'boolean', default: false } } })

const PROVIDER = (process.env.PROVIDER ?? 'kling').trim() || 'kling'
const SELLER_LABELS: Record<string, string> = { kling: 'Kling', fal: 'fal.ai', pixeldojo: 'PixelDojo', apimodels: 'apimodels.app' }
if (PROVIDER !== 'kling' && !(SELLERS as readonly string[]).includes(PROVIDER)) {
  console.error(`PROVIDER must be kling, ${SELLERS.join(', ')} (got ${PROVIDER})`)
  process.exit(2)
}

const parts: { simulator?: { url: string; close(): Promise<void> }; worker?: WorkerProcess; playground?: PlaygroundServer; watchers: FSWatcher[] } = { watchers: [] }
let stopping = false

async function main(): Promise<void> {
  step(`${SELLER_LABELS[PROVIDER]} simulator`)
  let providerVars: Record<string, string>
  if (PROVIDER === 'kling') {
    parts.simulator = await startKlingSimulator({ port: PORTS.simulator, host: HOST, delayMs: SIMULATED_JOB_MS, log: flags.verbose }).catch(portHint(PORTS.simulator))
    providerVars = { KLING_API_BASE: parts.simulator.url }
  } else {
    const sim = await startSellerSimulator(PROVIDER as Seller, { port: PORTS.simulator, host: HOST, delayMs: SIMULATED_JOB_MS, log: flags.verbose }).catch(portHint(PORTS.simulator))
    parts.simulator = sim
    providerVars = sellerWorkerVars(PROVIDER as Seller, sim)
  }

  step('Building the plugin')
  reportBuild(await buildPlugin({ minify: false }))

  step('Worker (wrangler dev, local Durable Objects and R2)')
  let workerReady = false
  const vars = devWorkerVars(PORTS.worker)
  parts.worker = await startWorker({
    port: PORTS.worker,
    ip: HOST,
    vars: { ...vars, ...providerVars },
    watch: true,
    onOutput: (text) => workerReady && printPrefixed('worker', text),
  }).catch(portHint(PORTS.worker))
  workerReady = true

  step('Playground')
  parts.playground = await startPlayground({ port: PORTS.playground, host: HOST }).catch(portHint(PORTS.playground))

  watchSources()
  superviseWorker(parts.worker)
  printBanner(parts.worker.url, parts.playground.url, parts.simulator.url)
}

function printBanner(api: string, playground: string, simulator: string): void {
  const manifest = existsSync(join(REPO_ROOT, 'manifest.json'))
  const lines = [
    '',
    `  Kling Frames is running locally. No keys needed: ${SELLER_LABELS[PROVIDER]} is simulated.`,
    '',
    `  API           ${api}        (spec: ${api}/v1/openapi.json)`,
    `  Client token  ${DEV_TOKEN}`,
    // The plugin's manifest declares http://localhost:8787 (Figma refuses IP literals), so the panel uses that.
    `  Playground    ${playground}/?backend=${api.replace('127.0.0.1', 'localhost')}&token=${DEV_TOKEN}`,
    `                scenarios: &scenario=placeholders | expand | reference, &command=generate | expand | fill`,
    `  ${`${SELLER_LABELS[PROVIDER]} (sim)`.padEnd(13)} ${simulator}        (each job takes about ${SIMULATED_JOB_MS / 1000} s; admin: ${simulator}/__sim/)`,
    `  Plugin build  dist/code.js, dist/ui.html (rebuilt when ${WATCHED.join('/, ')}/ change; reload the page)`,
    ...(manifest ? ['                In Figma desktop: Plugins → Development → Import plugin from manifest… → dist/manifest.json'] : []),
    '',
    '  Try the API (a 16:9 image):',
    `    curl -s ${api}/v1/jobs \\`,
    `      -H 'Authorization: Bearer ${DEV_TOKEN}' -H 'Content-Type: application/json' \\`,
    `      -d '{"operation":"generate","prompt":"A lighthouse on a cliff at dawn, editorial photo","aspect_ratio":"16:9"}'`,
    `    curl -s '${api}/v1/jobs/<id from above>?wait=10' -H 'Authorization: Bearer ${DEV_TOKEN}'`,
    '',
    '  Ctrl+C stops everything.',
    '',
  ]
  console.log(lines.join('\n'))
}

/** Rebuilds dist/ when the plugin's sources change; a failed build is reported and the last good one stays. */
function watchSources(): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let building = false
  let again = false
  const rebuild = async () => {
    if (building) {
      again = true
      return
    }
    building = true
    const started = Date.now()
    try {
      await buildPlugin({ minify: false })
      console.log(`[build] dist/ rebuilt in ${Date.now() - started} ms; reload the playground`)
    } catch (error) {
      console.error(`[build] failed: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      building = false
      if (again) {
        again = false
        void rebuild()
      }
    }
  }
  for (const dir of WATCHED) {
    const path = join(REPO_ROOT, dir)
    if (!existsSync(path)) continue
    const watcher = watch(path, { recursive: true }, () => {
      clearTimeout(timer)
      timer = setTimeout(() => void rebuild(), 150)
    })
    watcher.on('error', (error) => console.error(`[build] not watching ${dir}/ any more: ${error.message}`))
    parts.watchers.push(watcher)
  }
}

/** startWorker gives no exit event, so check once a second that wrangler's process is still there. */
function superviseWorker(worker: WorkerProcess): void {
  const timer = setInterval(() => {
    try {
      process.kill(worker.pid, 0)
    } catch {
      clearInterval(timer)
      void shutdown(1, 'the Worker (wrangler dev) exited')
    }
  }, 1000)
  // Figma's typings (in the shared test tsconfig) declare setInterval as returning a number.
  ;(timer as unknown as NodeJS.Timeout).unref()
}

async function shutdown(code: number, reason?: string): Promise<void> {
  if (stopping) return
  stopping = true
  if (reason) console.error(`\n${code === 0 ? '' : 'error: '}${reason}; stopping.`)
  parts.watchers.forEach((watcher) => watcher.close())
  const stops = [parts.worker?.stop(), parts.playground?.close(), parts.simulator?.close()]
  const results = await Promise.allSettled(stops)
  for (const result of results) if (result.status === 'rejected') console.error(`while stopping: ${String(result.reason)}`)
  process.exit(code)
}

function step(name: string): void {
  console.log(`… ${name}`)
}

function reportBuild(result: BuildResult): void {
  for (const file of [result.code, result.ui]) {
    console.log(`  ${relative(REPO_ROOT, file.path)}  ${(file.bytes / 1024).toFixed(1)} KB`)
  }
}

function printPrefixed(name: string, text: string): void {
  for (const line of text.split('\n')) if (line.trim()) console.log(`[${name}] ${line}`)
}

function portHint(port: number) {
  return (error: unknown): never => {
    const busy = (error as NodeJS.ErrnoException)?.code === 'EADDRINUSE' || /address already in use|EADDRINUSE/i.test(String(error))
    throw busy ? new Error(`port ${port} is already in use (another npm run dev?)`) : error
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void shutdown(0, signal === 'SIGINT' ? undefined : `got ${signal}`))
}
process.on('uncaughtException', (error) => void shutdown(1, error.stack ?? String(error)))
process.on('unhandledRejection', (error) => void shutdown(1, error instanceof Error ? (error.stack ?? error.message) : String(error)))

main().catch((error: unknown) => shutdown(1, error instanceof Error ? error.message : String(error)))
