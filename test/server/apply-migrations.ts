import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'

// Idempotent: applyD1Migrations records what it applied, so running it before every file is cheap.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
