import type { AspectRatio } from '../../shared/api/enums'
import type { CreateJobRequest, ModelCapabilities } from '../../shared/api/schemas'
import { nearestAspectRatio } from '../../shared/geometry/aspect-ratio'
import type { NodeSummary } from '../../shared/protocol/messages'
import type { JobSpec } from '../jobs/job-spec'
import { DEFAULT_IMAGE_FORM, type ImageForm } from './image-form'
import { clamp, orFirst, plural, shorten } from './models'

/** The part of the Image view's form an image-to-image job reads. */
export type ImageToImageForm = Pick<ImageForm, 'prompt' | 'reference' | 'fidelity' | 'resolution' | 'n'>

export const DEFAULT_IMAGE_TO_IMAGE_FORM: ImageToImageForm = DEFAULT_IMAGE_FORM

/**
 * One job that redraws `source` (exported as `imageBase64`) after the prompt, with the results placed in new
 * frames beside it. A style-transfer model (Restyle) keeps the source's own size, so neither ratio nor resolution
 * is sent; any other model works at the ratio nearest to the source.
 */
export function planImageToImage(
  form: ImageToImageForm,
  source: NodeSummary,
  imageBase64: string,
  model: ModelCapabilities,
): JobSpec {
  const rules = model.by_operation.image_to_image
  const ratios = (rules?.aspect_ratios ?? model.aspect_ratios).filter((r): r is AspectRatio => r !== 'auto')
  const resolutions = rules?.resolutions ?? model.resolutions
  const parameters = rules?.parameters ?? model.parameters
  const nRange = rules?.n ?? model.n
  const restyle = rules?.style_transfer ?? false
  const prompt = form.prompt.trim()
  const n = clamp(form.n, nRange.min, nRange.max)
  const request: CreateJobRequest = {
    operation: 'image_to_image',
    model: model.id,
    prompt,
    image: imageBase64,
    n,
    client_ref: source.id,
  }
  const ratio = ratios.length ? nearestAspectRatio(source.width, source.height, ratios).ratio : undefined
  if (ratio && !restyle) request.aspect_ratio = ratio
  if (resolutions.length && !restyle) request.resolution = orFirst(form.resolution, resolutions)
  if (parameters.includes('image_reference')) request.image_reference = form.reference
  if (parameters.includes('image_fidelity')) request.image_fidelity = Math.round(form.fidelity * 100) / 100
  const size = `${Math.round(source.width)}×${Math.round(source.height)}`
  return {
    label: shorten(prompt),
    detail: `${restyle ? `Restyle of ${shorten(source.name, 24)} at ${size}` : `From ${shorten(source.name, 24)}`} · ${plural(n, 'image')}`,
    placement: { kind: 'beside', sourceId: source.id },
    meta: { operation: 'image_to_image', prompt, model: model.id, ...(request.aspect_ratio ? { aspectRatio: ratio } : {}) },
    request,
  }
}
