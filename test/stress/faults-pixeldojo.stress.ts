/** Upstream faults against the PixelDojo simulator: generate, its one operation (support/fault-suite.ts). */
import { faultSuite } from './support/fault-suite'

faultSuite('pixeldojo', {
  jobs: 30,
  jobBody(i, prompt) {
    return { operation: 'generate', prompt, aspect_ratio: (['1:1', '16:9', '3:4'] as const)[i % 3], n: 1 + (i % 3) }
  },
})
