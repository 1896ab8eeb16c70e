/** Upstream faults against the apimodels.app simulator: generate, image to image and expand by signed input URL (support/fault-suite.ts). */
import { faultSuite, REFERENCE } from './support/fault-suite'

faultSuite('apimodels', {
  jobs: 30,
  jobBody(i, prompt) {
    if (i % 6 === 4) return { operation: 'image_to_image', prompt, image: REFERENCE, n: 1 }
    if (i % 6 === 5) return { operation: 'expand', prompt, image: REFERENCE, expansion: { top: 0, bottom: 0, left: 0.25, right: 0.25 } }
    return { operation: 'generate', prompt, aspect_ratio: (['1:1', '16:9', '3:4'] as const)[i % 3], n: 1 + (i % 3) }
  },
})
