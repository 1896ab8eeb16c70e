import type { D1Migration } from 'cloudflare:test'
import type { Env as ServerEnv } from '../../server/env'

// `env` from cloudflare:workers in tests: the Worker's bindings plus the migrations the setup file applies.
declare global {
  namespace Cloudflare {
    interface Env extends ServerEnv {
      TEST_MIGRATIONS: D1Migration[]
      /** worker-tunnel.ts, for sellers that call the Worker's public URL. */
      TEST_TUNNEL_URL: string
    }
  }
}

export {}
