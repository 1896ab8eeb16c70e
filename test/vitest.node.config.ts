import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'

// Pure logic (shared/, ui/ logic), the plugin's main-thread code against the Figma emulator, and the simulators.
export default defineProject({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    name: 'node',
    environment: 'node',
    dir: fileURLToPath(new URL('..', import.meta.url)),
    include: ['test/shared/**/*.test.ts', 'test/plugin/**/*.test.ts', 'test/simulator/**/*.test.ts', 'test/sellers/**/*.test.ts', 'test/ui/**/*.test.ts'],
  },
})
