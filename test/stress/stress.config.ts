import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('../..', import.meta.url))

// `npm run test:stress`: the long, loopback-only reliability suites (issue 9), each against its own simulator and
// `wrangler dev` on a free port. Not part of `npm test`'s project list; `.ci/run` runs both. One suite at a time:
// two `wrangler dev` of one checkout at once reload each other's Worker mid-request (a 503 from wrangler's proxy).
export default defineConfig({
  test: {
    name: 'stress',
    root,
    dir: root,
    include: ['test/stress/**/*.stress.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
})
