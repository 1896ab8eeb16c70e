import type { ExpandRequest, GenerationAspectRatio, GenerationRequest } from '../../simulator/private/create-request'
import type { InputImage } from '../../simulator/private/parse-image-input'
import type { GenerationModel } from '../../simulator/private/model-capabilities'

/** The Kling generation a seller request amounts to, for rendering and output sizes. */
export function generationRender(fields: {
  model: GenerationModel
  prompt: string
  n: number
  aspectRatio: GenerationAspectRatio
  resolution: '1k' | '2k'
  image?: InputImage | null
  negativePrompt?: string | null
}): GenerationRequest {
  return {
    endpoint: 'generations',
    model_name: fields.model,
    model_name_defaulted: false,
    prompt: fields.prompt,
    negative_prompt: fields.negativePrompt ?? null,
    image: fields.image ?? null,
    image_reference: null,
    resolution: fields.resolution,
    aspect_ratio: fields.aspectRatio,
    n: fields.n,
    watermark: false,
    callback_url: null,
    external_task_id: null,
  }
}

export function expandRender(fields: { image: InputImage; prompt: string | null; n: number; up: number; down: number; left: number; right: number }): ExpandRequest {
  return { endpoint: 'expand', watermark: false, callback_url: null, external_task_id: null, ...fields }
}
