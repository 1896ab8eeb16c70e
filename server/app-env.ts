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
  }
}
