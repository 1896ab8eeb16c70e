import { defineConfig } from 'vitest/config'

// One project per runtime: pure code and the simulator in Node, the Worker in workerd, the plugin in Chromium.
export default defineConfig({
  test: {
    projects: ['test/vitest.node.config.ts', 'test/*/vitest.config.ts'],
  },
})
