import { defineProject } from 'vitest/config'

// Pure logic (shared/), the plugin's main-thread code against the Figma emulator, and the upstream simulators.
export default defineProject({
  test: {
    name: 'node',
    environment: 'node',
    include: ['test/shared/**/*.test.ts', 'test/plugin/**/*.test.ts', 'test/simulator/**/*.test.ts', 'test/ui/**/*.test.ts'],
  },
})
