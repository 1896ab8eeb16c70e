/** Upstream faults against the fal.ai simulator: generate and image to image (by signed input URL) (support/fault-suite.ts). */
import { faultSuite } from './support/fault-suite'

faultSuite('fal', { jobs: 24, alsoRuns: ['image_to_image'] })
