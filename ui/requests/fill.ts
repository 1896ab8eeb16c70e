import type { AspectRatio, Resolution } from '../../shared/api/enums'
import type { CreateJobRequest, ModelCapabilities } from '../../shared/api/schemas'
import type { ExactFit } from '../../shared/geometry/exact-fit'
import { nearestAspectRatio } from '../../shared/geometry/aspect-ratio'
import { planBatches } from '../../shared/placeholders/plan-batches'
import { isDescriptiveName, placeholderPrompt } from '../../shared/placeholders/placeholder-prompt'
import type { NodeSummary } from '../../shared/protocol/messages'
import type { JobSpec } from '../jobs/job-spec'
import { exactFits, exactFitSpec } from './exact-fit'
import { clientRef, frameList } from './generate'
import { orFirst, shorten } from './models'

export interface PlaceholderRow {
  node: NodeSummary
  /** Empty when neither the layer name nor the shared prompt says anything. */
  prompt: string
  /** The layer name is the prompt (else the shared prompt is). */
  fromName: boolean
  ratio: AspectRatio
  crop: number
}

/** What each placeholder will be generated from. */
export function placeholderRows(
  placeholders: readonly NodeSummary[],
  sharedPrompt: string,
  styleSuffix: string,
  allowed: readonly AspectRatio[],
): PlaceholderRow[] {
  if (allowed.length === 0) return []
  return placeholders.map((node) => ({
    node,
    prompt: placeholderPrompt(node.name, sharedPrompt, styleSuffix),
    fromName: isDescriptiveName(node.name),
    ...nearestAspectRatio(node.width, node.height, allowed),
  }))
}

/**
 * The jobs that fill every placeholder that has a prompt: same prompt and ratio share a job of up to 9 images.
 * With `exactFit`, a placeholder whose ratio Kling lacks gets its own job: its nearest ratio, then an expand
 * pass to its exact ratio.
 */
export function planFill(
  rows: readonly PlaceholderRow[],
  model: ModelCapabilities,
  resolution: Resolution,
  options: { exactFit?: boolean } = {},
): JobSpec[] {
  const names = new Map(rows.map((r) => [r.node.id, r.node.name]))
  const prompted = rows.filter((r) => r.prompt)
  const fits = options.exactFit ? exactFits(prompted.map((r) => r.node), model, resolution) : new Map<string, ExactFit>()
  const at = orFirst(resolution, model.resolutions)
  const exact: JobSpec[] = []
  for (const row of prompted) {
    const fit = fits.get(row.node.id)
    if (fit?.kind !== 'expand') continue
    const base: CreateJobRequest = { operation: 'generate', model: model.id, prompt: row.prompt, resolution: at }
    exact.push(exactFitSpec(row.node, row.prompt, fit, base, { operation: 'generate', prompt: row.prompt, model: model.id }))
  }
  const targets = prompted
    .filter((r) => fits.get(r.node.id)?.kind !== 'expand')
    .map((r) => ({ nodeId: r.node.id, prompt: r.prompt, ratio: r.ratio }))
  return [...exact, ...planBatches(targets, Math.min(9, model.n.max)).map((batch): JobSpec => ({
    label: shorten(batch.prompt),
    detail: `${batch.ratio} · ${frameList(batch.nodeIds.map((id) => names.get(id) ?? id))}`,
    placement: { kind: 'fill', nodeIds: batch.nodeIds },
    meta: { operation: 'generate', prompt: batch.prompt, model: model.id, aspectRatio: batch.ratio },
    request: {
      operation: 'generate',
      model: model.id,
      prompt: batch.prompt,
      aspect_ratio: batch.ratio,
      resolution: orFirst(resolution, model.resolutions),
      n: batch.nodeIds.length,
      client_ref: clientRef(batch.nodeIds),
    },
  }))]
}
