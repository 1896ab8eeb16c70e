import type { CreateJobRequest, Expansion } from '../../shared/api/schemas'
import type { Placement, PlacementMeta } from '../../shared/protocol/messages'

/** What the runner needs to run one job from submission to placed images. */
export interface JobSpec {
  /** The jobs list's main line, e.g. the prompt. */
  label: string
  /** Its second line, e.g. "16:9 · 3 frames". */
  detail: string
  placement: Placement
  meta: Omit<PlacementMeta, 'jobId'>
  /** The first request; null for a job resumed after a restart (only its backend id is known). */
  request: CreateJobRequest | null
  /**
   * Further expand passes. Each one sends the previous pass's first image back with these ratios; the last
   * pass's image is placed.
   */
  chain?: Expansion[]
  /** Jobs started by one action (a Generate or Fill click) share this, so they are reported in one notification. */
  batch?: string
}
