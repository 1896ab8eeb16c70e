/**
 * `node scripts/run-ts.mjs test/playground/cli.ts [--port 8788]`: serves the playground alone (build the plugin
 * first with `npm run build`; `npm run dev` does everything at once). Stops on Ctrl+C.
 */
import { parseArgs } from 'node:util'
import { startPlayground } from './serve'

const { values } = parseArgs({ options: { port: { type: 'string', default: '8788' }, host: { type: 'string', default: '127.0.0.1' } } })
const playground = await startPlayground({ port: Number(values.port), host: values.host })
console.log(`Playground: ${playground.url}/?scenario=placeholders`)
const stop = () => void playground.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
