/** Upstream faults against the fal.ai simulator: generate and image to image by signed input URL (support/fault-suite.ts). */
import { faultSuite, REFERENCE } from './support/fault-suite'

faultSuite('fal', {
  jobs: 30,
  jobBody(i, prompt) {
    if (i % 5 === 4) return { operation: 'image_to_image', prompt, image: REFERENCE, n: 1 }
    return { operation: 'generate', prompt, aspect_ratio: (['1:1', '16:9', '3:4'] as const)[i % 3], n: 1 + (i % 3) }
  },
})
