import type { Chaos } from './chaos'
import type { SimConfig } from './sim-config'
import type { SimStats } from './sim-stats'
import type { TaskStore } from './task-store'
import type { Credentials } from './verify-bearer'

/** Everything the request handlers share: one simulated Kling account. */
export interface SimContext {
  credentials: Credentials
  /** Startup delay, restored by /__sim/reset. */
  defaultDelayMs: number
  config: SimConfig
  /** Chaos mode (`/__sim/config` `{chaos: {rate, seed}}`); null when off. */
  chaos: Chaos | null
  store: TaskStore
  stats: SimStats
  /** `http://127.0.0.1:<port>`, known once listening; prefixes the CDN URLs. */
  baseUrl: string
  log: (line: string) => void
}
