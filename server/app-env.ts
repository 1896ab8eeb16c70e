import type { Config } from './config'
import type { Env } from './env'
import type { Provider } from './providers/provider'

/** Hono's type parameters for every sub-app: bindings plus what the middleware puts on the context. */
export interface AppEnv {
  Bindings: Env
  Variables: {
    config: Config
    provider: Provider
    /** Set by `requireOwner`; the identity for isolation, budgets and logs. */
    owner: string
    /** For the request log: the job a route created or acted on, when its path does not name it. */
    jobId?: string
    /** For the request log: the upstream's own code (Kling's envelope code, a seller's HTTP status) behind an error. */
    upstreamCode?: number | string
  }
}
