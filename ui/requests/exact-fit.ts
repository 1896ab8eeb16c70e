import type { Resolution } from '../../shared/api/enums'
import type { Capabilities, CreateJobRequest, ModelCapabilities } from '../../shared/api/schemas'
import { exactFitText, planExactFit, type ExactFit } from '../../shared/geometry/exact-fit'
import type { NodeSummary, PlacementMeta } from '../../shared/protocol/messages'
import type { JobSpec } from '../jobs/job-spec'
import { orFirst, shorten } from './models'

/** "Fit exactly" needs Kling's Extend Image: a provider whose models cannot expand (fal.ai) does not offer it. */
export function canFitExactly(caps: Capabilities | null): boolean {
  return !!caps?.models.some((m) => m.operations.includes('expand'))
}

/** The exact-fit plan of each frame, for the model's ratios at the chosen resolution. */
export function exactFits(nodes: readonly NodeSummary[], model: ModelCapabilities, resolution: Resolution): Map<string, ExactFit> {
  const at = orFirst(resolution, model.resolutions)
  return new Map(nodes.map((node) => [node.id, planExactFit(node, model.aspect_ratios, at)]))
}

/**
 * The job that fills one frame exactly: one image at the nearest ratio, then one Extend Image pass (the runner's
 * chain) to the frame's ratio, placed FILL into the frame with under 0.5% cropped.
 */
export function exactFitSpec(
  node: NodeSummary,
  prompt: string,
  fit: Extract<ExactFit, { kind: 'expand' }>,
  base: CreateJobRequest,
  meta: Omit<PlacementMeta, 'jobId' | 'aspectRatio'>,
): JobSpec {
  return {
    label: shorten(prompt),
    detail: `${exactFitText(fit, node)} · ${node.name}`,
    placement: { kind: 'fill', nodeIds: [node.id] },
    meta: { ...meta, aspectRatio: fit.ratio },
    request: { ...base, prompt, aspect_ratio: fit.ratio, n: 1, client_ref: node.id },
    chain: [fit.expansion],
  }
}

/** The frames that need the expand pass (one more image each). */
export function expandedFrames(fits: ReadonlyMap<string, ExactFit>): number {
  return [...fits.values()].filter((f) => f.kind === 'expand').length
}
