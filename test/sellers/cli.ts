/**
 * `node scripts/run-ts.mjs test/sellers/cli.ts --seller fal|pixeldojo|apimodels [--port 9101] [--delay 1500]`: runs
 * one seller simulator in the foreground. Stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util'
import { SELLERS, startSellerSimulator, type Seller } from './start-seller-simulator'

const { values } = parseArgs({
  options: {
    seller: { type: 'string' },
    port: { type: 'string', default: '9101' },
    delay: { type: 'string', default: '1500' },
    quiet: { type: 'boolean', default: false },
  },
})
const seller = values.seller as Seller
if (!(SELLERS as readonly string[]).includes(seller)) throw new Error(`--seller must be one of ${SELLERS.join(', ')}`)
const sim = await startSellerSimulator(seller, { port: Number(values.port), delayMs: Number(values.delay), log: !values.quiet })
console.log(`${seller} simulator on ${sim.url} (key ${sim.apiKey}); admin ${sim.url}/__sim/{reset,config,stats,tasks}`)
const stop = () => void sim.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
