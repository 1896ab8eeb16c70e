/** Upstream faults against Kling's simulator: generate, image to image and expand (support/fault-suite.ts). */
import { faultSuite } from './support/fault-suite'

faultSuite('kling', { jobs: 24, alsoRuns: ['image_to_image', 'expand'] })
