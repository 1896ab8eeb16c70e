import { defineConfig } from 'vitest/config'

// One project per runtime: pure code and the simulator in Node, the Worker in workerd, the plugin in Chromium.
export default defineConfig({
  test: {
    // The Worker writes one log line per request (server/http/request-log.ts); tests that care spy on console.
    onConsoleLog: (log: string) => !log.includes('"event":"request"'),
    projects: ['test/vitest.node.config.ts', 'test/*/vitest.config.ts'],
  },
})
