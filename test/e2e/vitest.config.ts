import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'

const root = fileURLToPath(new URL('../..', import.meta.url))

// The real built plugin in Debian's Chromium, through the playground, against wrangler dev and the Kling simulator.
// One simulator and one Worker serve every file (global-setup.ts), so files take turns.
export default defineProject({
  root,
  test: {
    name: 'browser',
    // In this repo a project's include is resolved against test.dir, so both are the repository root.
    dir: root,
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    // Absolute: a project's globalSetup is resolved against its config's folder, whatever `root` says.
    globalSetup: fileURLToPath(new URL('global-setup.ts', import.meta.url)),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
})
