import type { Env as ServerEnv } from '../../server/env'

// `env` from cloudflare:workers in tests: the Worker's bindings.
declare global {
  namespace Cloudflare {
    interface Env extends ServerEnv {}
  }
}

export {}
