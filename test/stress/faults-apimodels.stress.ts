/** Upstream faults against the apimodels.app simulator: generate, image to image and expand (by signed input URL) (support/fault-suite.ts). */
import { faultSuite } from './support/fault-suite'

faultSuite('apimodels', { jobs: 24, alsoRuns: ['image_to_image', 'expand'] })
