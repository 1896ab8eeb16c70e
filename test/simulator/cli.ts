/**
 * `npm run sim -- [--port 9001] [--delay 1500] [--quiet]`: runs the Kling simulator in the foreground.
 * KLING_ACCESS_KEY / KLING_SECRET_KEY (and KLING_API_KEY) override the dev credentials. Stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util'
import { startKlingSimulator } from './kling-simulator'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9001' },
    delay: { type: 'string', default: '1500' },
    host: { type: 'string', default: '127.0.0.1' },
    quiet: { type: 'boolean', default: false },
  },
})

const port = Number(values.port)
const delayMs = Number(values.delay)
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number (got ${values.port})`)
if (!Number.isFinite(delayMs) || delayMs < 0) throw new Error(`--delay must be a non-negative number of ms (got ${values.delay})`)

const accessKey = process.env.KLING_ACCESS_KEY || 'dev-access-key'
const secretKey = process.env.KLING_SECRET_KEY || 'dev-secret-key'
const apiKey = process.env.KLING_API_KEY || 'dev-api-key'
const simulator = await startKlingSimulator({ port, host: values.host, delayMs, accessKey, secretKey, apiKey, log: !values.quiet })

console.log(`Kling simulator listening on ${simulator.url}`)
console.log(`  auth: JWT iss=${accessKey} (HS256 with the secret key) or Bearer ${apiKey}; delay ${delayMs} ms`)
console.log(`  admin: ${simulator.url}/__sim/{reset,config,stats,tasks}`)

let stopping = false
const stop = (signal: string) => {
  if (stopping) return
  stopping = true
  console.log(`${signal}: stopping`)
  simulator.close().then(
    () => process.exit(0),
    () => process.exit(1),
  )
}
process.on('SIGINT', () => stop('SIGINT'))
process.on('SIGTERM', () => stop('SIGTERM'))
