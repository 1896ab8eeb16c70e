import { cloudflareTest } from '@cloudflare/vitest-pool-workers'
import { fileURLToPath } from 'node:url'
import { defineProject } from 'vitest/config'
import { sellerBindings, SIM_PORT, TEST_VARS } from './test-env.ts'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

// The Worker runs in workerd (as deployed); Kling and the sellers are the real simulators, started in Node by
// global-setup.ts.
export default defineProject(async () => {
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: here('../../wrangler.jsonc') },
        miniflare: { bindings: { ...TEST_VARS, ...sellerBindings(), KLING_API_BASE: `http://127.0.0.1:${SIM_PORT}` } },
      }),
    ],
    test: {
      name: 'server',
      root: here('.'),
      include: ['**/*.test.ts'],
      globalSetup: [here('global-setup.ts')],
      // One simulator serves every file; its faults and stats are global, so files take turns. Files share one
      // runner (isolate: false) instead of starting workerd per file: 55 s instead of 100 s on two cores.
      fileParallelism: false,
      isolate: false,
      testTimeout: 20_000,
      hookTimeout: 20_000,
    },
  }
})
