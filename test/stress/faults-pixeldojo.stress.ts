/** Upstream faults against the PixelDojo simulator: generate, its one operation (support/fault-suite.ts). */
import { faultSuite } from './support/fault-suite'

faultSuite('pixeldojo', { jobs: 24, alsoRuns: [] })
