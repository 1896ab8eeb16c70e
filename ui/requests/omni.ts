import type { CreateJobRequest, ModelCapabilities, OperationCapabilities } from '../../shared/api/schemas'
import type { NodeSummary } from '../../shared/protocol/messages'
import type { JobSpec } from '../jobs/job-spec'
import { clientRef } from './generate'
import type { ImageForm } from './image-form'
import { resolveRatio } from './image-ratio'
import { clamp, orFirst, plural, shorten } from './models'
import { danglingIssue, plainPrompt, promptChips, toWirePrompt } from './omni-prompt'

export type OmniForm = Pick<ImageForm, 'prompt' | 'aspect' | 'resolution' | 'n' | 'series' | 'seriesAmount'>

/** Whether this form asks the model for a series (only where the model offers one). */
export function wantsSeries(form: Pick<ImageForm, 'series'>, rules: OperationCapabilities): boolean {
  return form.series && rules.series !== null
}

/**
 * Kling Omni: every reference is sent in order as `images`, and the prompt's `[Layer name]` chips become
 * `<<<image_N>>>`. Either n variants or, where the model offers it, a series of related images, which lands
 * numbered in order ("prompt 1/3"…). Results go in a row beside the references.
 */
export function planOmni(
  form: OmniForm,
  references: readonly NodeSummary[],
  images: ReadonlyMap<string, string>,
  model: ModelCapabilities,
  rules: OperationCapabilities,
): JobSpec {
  const chips = promptChips(references)
  const wire = toWirePrompt(form.prompt, chips).trim()
  const issue = danglingIssue(wire, references.length)
  if (issue) throw new Error(issue)
  const text = plainPrompt(form.prompt, chips).trim()
  const request: CreateJobRequest = {
    operation: 'omni',
    model: model.id,
    prompt: wire,
    images: references.map((node) => {
      const image = images.get(node.id)
      if (!image) throw new Error(`${node.name} is not ready to upload yet.`)
      return image
    }),
    client_ref: clientRef(references.map((r) => r.id)),
  }
  const ratio = resolveRatio(form.aspect, rules, references[0] ?? null)
  if (ratio) request.aspect_ratio = ratio
  if (rules.resolutions.length) request.resolution = orFirst(form.resolution, rules.resolutions)
  const series = wantsSeries(form, rules) && rules.series
  let count: number
  if (series) {
    count = clamp(form.seriesAmount, series.min, series.max)
    request.result_type = 'series'
    request.series_amount = count
  } else {
    count = clamp(form.n, rules.n.min, rules.n.max)
    request.n = count
  }
  const resolution = request.resolution ? ` · ${request.resolution.toUpperCase()}` : ''
  return {
    label: shorten(text),
    detail: `${series ? `Series of ${count}` : plural(count, 'image')} from ${plural(references.length, 'reference')}${resolution}`,
    placement: { kind: 'row', besideIds: references.map((r) => r.id), numbered: Boolean(series) },
    meta: { operation: 'omni', prompt: text, model: model.id, ...(ratio && ratio !== 'auto' ? { aspectRatio: ratio } : {}) },
    request,
  }
}
