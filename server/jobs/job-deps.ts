import type { Config } from '../config'
import type { Env } from '../env'
import type { Provider } from '../providers/provider'
import { createProvider } from '../providers/registry'

/** What the jobs domain works with; built per request (routes) or per cron run (sweep). */
export interface JobDeps {
  db: D1Database
  bucket: R2Bucket
  provider: Provider
  config: Config
}

export function jobDeps(env: Env, config: Config, provider: Provider = createProvider(config)): JobDeps {
  return { db: env.DB, bucket: env.IMAGES, provider, config }
}
