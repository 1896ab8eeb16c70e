import type { AspectRatio, Resolution } from '../../shared/api/enums'
import type { CreateJobRequest, ModelCapabilities } from '../../shared/api/schemas'
import { planBatches } from '../../shared/placeholders/plan-batches'
import type { NodeSummary } from '../../shared/protocol/messages'
import type { JobSpec } from '../jobs/job-spec'
import type { ExactFit } from '../../shared/geometry/exact-fit'
import { exactFits, exactFitSpec } from './exact-fit'
import { frameRatios, type RatioChoice } from './frame-ratios'
import { clamp, orFirst, plural, shorten, supports } from './models'

export interface GenerateForm {
  prompt: string
  negativePrompt: string
  /** Model id; empty for the backend's default. */
  model: string
  aspect: RatioChoice
  resolution: Resolution
  n: number
}

export const DEFAULT_GENERATE_FORM: GenerateForm = {
  prompt: '',
  negativePrompt: '',
  model: '',
  aspect: 'match',
  resolution: '1k',
  n: 1,
}

/** Why the form cannot be sent yet, or null. */
export function promptIssue(prompt: string, maxChars: number): string | null {
  if (!prompt.trim()) return 'Write a prompt first.'
  if (prompt.length > maxChars) return `The prompt is ${prompt.length - maxChars} characters too long.`
  return null
}

/**
 * The jobs for a Generate click. With frames, each frame gets an image at its own ratio: frames that share a
 * ratio share a job (n = their number, at most 9 a job), and image i fills frame i. With `exactFit` (and "match
 * selection"), a frame whose ratio Kling lacks gets its own job instead: its nearest ratio, then an expand pass
 * to its exact ratio. Without frames, n images at the chosen ratio (1:1 when "match selection" has nothing to
 * match) go into new frames.
 */
export function planGenerate(
  form: GenerateForm,
  frames: readonly NodeSummary[],
  model: ModelCapabilities,
  options: { exactFit?: boolean } = {},
): JobSpec[] {
  const prompt = form.prompt.trim()
  const base: CreateJobRequest = {
    operation: 'generate',
    model: model.id,
    prompt,
    resolution: orFirst(form.resolution, model.resolutions),
  }
  const negative = form.negativePrompt.trim()
  if (negative && supports(model, 'negative_prompt')) base.negative_prompt = negative
  const meta = (ratio: AspectRatio) => ({ operation: 'generate' as const, prompt, model: model.id, aspectRatio: ratio })

  if (frames.length === 0) {
    const ratio = form.aspect === 'match' ? orFirst<AspectRatio>('1:1', model.aspect_ratios) : form.aspect
    const n = clamp(form.n, model.n.min, model.n.max)
    return [
      {
        label: shorten(prompt),
        detail: `${ratio} · ${plural(n, 'new frame')}`,
        placement: { kind: 'new-frames' },
        meta: meta(ratio),
        request: { ...base, aspect_ratio: ratio, n },
      },
    ]
  }

  const fits = options.exactFit && form.aspect === 'match' ? exactFits(frames, model, form.resolution) : new Map<string, ExactFit>()
  const exact: JobSpec[] = []
  for (const frame of frames) {
    const fit = fits.get(frame.id)
    if (fit?.kind === 'expand') exact.push(exactFitSpec(frame, prompt, fit, base, { operation: 'generate', prompt, model: model.id }))
  }
  const rest = frames.filter((f) => fits.get(f.id)?.kind !== 'expand')
  const targets = frameRatios(rest, form.aspect, model.aspect_ratios).map((f) => ({
    nodeId: f.node.id,
    prompt,
    ratio: f.ratio,
  }))
  const names = new Map(frames.map((f) => [f.id, f.name]))
  return [...exact, ...planBatches(targets, Math.min(9, model.n.max)).map((batch): JobSpec => ({
    label: shorten(prompt),
    detail: `${batch.ratio} · ${frameList(batch.nodeIds.map((id) => names.get(id) ?? id))}`,
    placement: { kind: 'fill', nodeIds: batch.nodeIds },
    meta: meta(batch.ratio),
    request: { ...base, aspect_ratio: batch.ratio, n: batch.nodeIds.length, client_ref: clientRef(batch.nodeIds) },
  }))]
}

/** "Hero", "Hero, Card", or "Hero and 4 more". */
export function frameList(names: readonly string[]): string {
  if (names.length <= 2) return names.join(', ')
  return `${names[0]} and ${names.length - 1} more`
}

/** The target node ids, for the backend's logs (at most 200 characters). */
export function clientRef(nodeIds: readonly string[]): string {
  const joined = nodeIds.join(',')
  if (joined.length <= 200) return joined
  const cut = joined.lastIndexOf(',', 200)
  return joined.slice(0, cut > 0 ? cut : 200)
}
