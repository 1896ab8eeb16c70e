/**
 * `wrangler dev` for the dev orchestrator, the tests and the benchmarks: wrangler's own dev server (the same bundling,
 * Miniflare, workerd, local Durable Objects and R2 as the CLI), started through its `unstable_startWorker` API so that
 * the DevTools inspector can be left off. The CLI always starts it, and its inspector proxy mirrors every chunk
 * of every outbound fetch to Node as a `Network.dataReceived` event, which wrangler formats and appends to its debug
 * log: with result images streaming through, that took more CPU than the Worker itself (about 3 s of the 24-image
 * fill in bench:plugin, 7.5 s before). Without the inspector workerd prints the Worker's
 * console lines itself, with `--verbose`, which wrangler passes at log level debug.
 *
 * Run by `worker-process.ts` in its own process group, with its options as JSON in `KF_WRANGLER_DEV`.
 */
import { unstable_startWorker } from 'wrangler'
import { join } from 'node:path'
import { REPO_ROOT } from './wrangler-cli'

/** What `worker-process.ts` passes. */
export interface WranglerDevOptions {
  ip: string
  port: number
  /** Local state directory; null: `.wrangler/state`, as the CLI. */
  persistTo: string | null
  /** Plain-text vars on top of wrangler.jsonc's (secrets included: locally they are only vars). */
  vars: Record<string, string>
  /** Rebuild and reload when the Worker's sources change (the dev orchestrator). */
  watch: boolean
}

const options = JSON.parse(process.env.KF_WRANGLER_DEV ?? 'null') as WranglerDevOptions | null
if (!options) throw new Error('KF_WRANGLER_DEV is not set: start this through scripts/lib/worker-process.ts')

const worker = await unstable_startWorker({
  config: join(REPO_ROOT, 'wrangler.jsonc'),
  bindings: Object.fromEntries(Object.entries(options.vars).map(([name, value]) => [name, { type: 'plain_text', value }])),
  dev: {
    inspector: false,
    // Local only: no remote bindings, no login.
    remote: false,
    persist: options.persistTo ?? undefined,
    server: { hostname: options.ip, port: options.port },
    watch: options.watch,
    liveReload: false,
    // Debug is what makes workerd print the Worker's own log lines (see above).
    logLevel: 'debug',
  },
})
await worker.ready

const stop = () => void worker.dispose().finally(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
