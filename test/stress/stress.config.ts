import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('../..', import.meta.url))
const shared = { root, dir: root, environment: 'node' as const, testTimeout: 600_000, hookTimeout: 180_000 }

// `npm run test:stress`: the long, loopback-only reliability suites (issue 9), each against its own simulator and
// `wrangler dev` on free ports. Not part of `npm test`'s project list; `.ci/run` runs both. The fault suites (one
// per provider) run two at a time; the load-and-crash suite runs after them, alone, so its latency figures are its own.
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      { test: { ...shared, name: 'stress-faults', include: ['test/stress/faults-*.stress.ts'], fileParallelism: true, sequence: { groupOrder: 0 } } },
      { test: { ...shared, name: 'stress-load', include: ['test/stress/load.stress.ts'], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
})
