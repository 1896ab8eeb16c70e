// The Worker's entry: the HTTP API (app.ts) and the Durable Object classes.
import { app } from './app'
import type { Env } from './env'

export default { fetch: app.fetch } satisfies ExportedHandler<Env>

// The Durable Object classes: wrangler.jsonc binds them as OWNERS and UPSTREAM.
export { OwnerObject } from './owner/owner-object'
export { UpstreamObject } from './upstream/upstream-object'
