import type { ImageReference, Resolution } from '../../shared/api/enums'
import type { CreateJobRequest, ModelCapabilities } from '../../shared/api/schemas'
import { nearestAspectRatio } from '../../shared/geometry/aspect-ratio'
import type { NodeSummary } from '../../shared/protocol/messages'
import type { JobSpec } from '../jobs/job-spec'
import { clamp, orFirst, plural, shorten, supports } from './models'

export interface ImageToImageForm {
  prompt: string
  model: string
  reference: ImageReference
  /** 0 to 1: how closely the result follows the reference. */
  fidelity: number
  resolution: Resolution
  n: number
}

export const DEFAULT_IMAGE_TO_IMAGE_FORM: ImageToImageForm = {
  prompt: '',
  model: '',
  reference: 'subject',
  fidelity: 0.5,
  resolution: '1k',
  n: 1,
}

/**
 * One job that redraws `source` (exported as `imageBase64`) after the prompt, at the ratio nearest to the source,
 * with the results placed in new frames beside it.
 */
export function planImageToImage(
  form: ImageToImageForm,
  source: NodeSummary,
  imageBase64: string,
  model: ModelCapabilities,
): JobSpec {
  const prompt = form.prompt.trim()
  const { ratio } = nearestAspectRatio(source.width, source.height, model.aspect_ratios)
  const n = clamp(form.n, model.n.min, model.n.max)
  const request: CreateJobRequest = {
    operation: 'image_to_image',
    model: model.id,
    prompt,
    image: imageBase64,
    aspect_ratio: ratio,
    resolution: orFirst(form.resolution, model.resolutions),
    n,
    client_ref: source.id,
  }
  if (supports(model, 'image_reference')) request.image_reference = form.reference
  if (supports(model, 'image_fidelity')) request.image_fidelity = Math.round(form.fidelity * 100) / 100
  return {
    label: shorten(prompt),
    detail: `From ${shorten(source.name, 24)} · ${plural(n, 'image')}`,
    placement: { kind: 'beside', sourceId: source.id },
    meta: { operation: 'image_to_image', prompt, model: model.id, aspectRatio: ratio },
    request,
  }
}
