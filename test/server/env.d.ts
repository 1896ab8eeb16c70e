import type { Env as ServerEnv } from '../../server/env'

// `env` from cloudflare:workers in tests: the Worker's bindings.
declare global {
  namespace Cloudflare {
    interface Env extends ServerEnv {
      /** worker-tunnel.ts, for sellers that call the Worker's public URL (optional: the server Env lacks it, and objects typed by it must still fit). */
      TEST_TUNNEL_URL?: string
    }
  }
}

export {}
