import type { SellerChaos, SellerChaosVocabulary } from './seller-chaos'
import type { SellerConfig } from './seller-config'
import type { SellerStatsRecorder } from './seller-stats'
import type { SellerTaskStore } from './seller-task-store'

/** What one seller simulator's handlers share: one simulated account. */
export interface SellerContext {
  /** The seller's name, for log lines. */
  name: string
  /** The API key the account accepts. */
  apiKey: string
  defaultDelayMs: number
  config: SellerConfig
  store: SellerTaskStore
  /** Chaos mode (`/__sim/config` `{chaos: {rate, seed}}`); null when off. */
  chaos: SellerChaos | null
  /** How this seller fails in chaos mode. */
  chaosVocabulary: SellerChaosVocabulary
  stats: SellerStatsRecorder
  /** `http://127.0.0.1:<port>` of the server that serves results (`/files/...`). */
  baseUrl: string
  log: (line: string) => void
}
