import { BodyReader } from './body-reader'
import { GENERATION_ASPECT_RATIOS, type GenerationRequest } from './create-request'
import { invalidParam, invalidRequest } from './kling-error'
import { DEFAULT_GENERATION_MODEL, GENERATION_MODELS, MODEL_CAPABILITIES } from './model-capabilities'
import { parseImageInputAsync } from './parse-image-input'

const KEYS = [
  'model_name',
  'model', // legacy field, accepted and ignored: "equivalent to ... model_name is empty (i.e., call the V1 model)"
  'prompt',
  'negative_prompt',
  'image',
  'image_reference',
  'image_fidelity',
  'human_fidelity',
  'element_list',
  'resolution',
  'n',
  'aspect_ratio',
  'watermark_info',
  'callback_url',
  'external_task_id',
] as const

const MAX_TEXT = 2500
/** "the sum of the amount of reference element and the amount of reference image shall not exceed 10". */
const MAX_REFERENCES = 10

/**
 * Validates a generations body against the official field table (kling-upstream.md §2.1). Cheap checks run first;
 * the image (base64 decode, PNG inflate) last. Throws KlingError 400/1200 or 400/1201.
 */
export async function validateGenerationAsync(body: Record<string, unknown>): Promise<GenerationRequest> {
  const reader = new BodyReader(body, KEYS)
  if (reader.has('model')) reader.string('model')
  const prompt = reader.requiredString('prompt', MAX_TEXT)
  const explicitModel = reader.oneOf('model_name', GENERATION_MODELS)
  const model = explicitModel ?? DEFAULT_GENERATION_MODEL
  const caps = MODEL_CAPABILITIES[model]
  const negative = reader.string('negative_prompt', MAX_TEXT) ?? null
  const imageField = reader.string('image') ?? null
  const imageReference = reader.oneOf('image_reference', ['subject', 'face'] as const) ?? null
  const imageFidelity = reader.number('image_fidelity', 0, 1)
  const humanFidelity = reader.number('human_fidelity', 0, 1)
  const elements = readElementList(reader)
  const resolution = reader.oneOf('resolution', ['1k', '2k'] as const) ?? '1k'
  const aspectRatio = reader.oneOf('aspect_ratio', GENERATION_ASPECT_RATIOS) ?? '16:9'
  const n = reader.integer('n', 1, 9) ?? 1
  const watermark = reader.watermark()
  const callbackUrl = reader.callbackUrl() ?? null
  const externalTaskId = reader.string('external_task_id') ?? null

  if (negative !== null && imageField !== null) {
    throw invalidParam('negative_prompt is not supported when image is not empty (image-to-image)')
  }
  if (imageReference !== null && imageField === null) throw invalidRequest('image is required when image_reference is set')
  if (imageReference !== null && !caps.imageReference) throw invalidParam(`image_reference is not supported by ${model} (only kling-v1-5)`)
  if (caps.imageReference && imageField !== null && imageReference === null) {
    throw invalidRequest(`image_reference is required for ${model} when image is set`)
  }
  if (imageFidelity !== undefined && !caps.imageFidelity) {
    throw invalidParam(`image_fidelity is not supported by ${model} (only kling-v1, kling-v1-5)`)
  }
  if (humanFidelity !== undefined && (!caps.humanFidelity || imageReference !== 'subject')) {
    throw invalidParam('human_fidelity is only supported by kling-v1-5 with image_reference "subject"')
  }
  if (!caps.textToImage && imageField === null) throw invalidRequest(`image is required for ${model} (image-to-image only)`)
  // Restyle keeps the input's resolution, "resolution not settable" (kling-upstream.md §2.2); nor is the ratio.
  if (caps.outputIsInputSize && reader.has('resolution')) throw invalidParam(`resolution is not supported by ${model}: the output keeps the input's size`)
  if (caps.outputIsInputSize && reader.has('aspect_ratio')) throw invalidParam(`aspect_ratio is not supported by ${model}: the output keeps the input's size`)
  if (aspectRatio === '21:9' && !caps.ultraWide) throw invalidParam(`aspect_ratio 21:9 is not supported by ${model}`)
  const resolutions = imageField === null ? caps.textResolutions : caps.imageResolutions
  if (!resolutions.includes(resolution)) {
    const mode = imageField === null ? 'text-to-image' : 'image-to-image'
    throw invalidParam(`resolution ${resolution} is not supported by ${model} for ${mode} (supported: ${resolutions.join(', ')})`)
  }
  if (elements + (imageField === null ? 0 : 1) > MAX_REFERENCES) {
    throw invalidParam('element_list plus reference images cannot exceed 10')
  }
  const image = imageField === null ? null : await parseImageInputAsync('image', imageField)
  return {
    endpoint: 'generations',
    model_name: model,
    model_name_defaulted: explicitModel === undefined,
    prompt,
    negative_prompt: negative,
    image,
    image_reference: imageReference,
    resolution,
    aspect_ratio: aspectRatio,
    n,
    watermark,
    callback_url: callbackUrl,
    external_task_id: externalTaskId,
  }
}

/** `element_list: [{"element_id": long}]`; returns how many elements were given. */
function readElementList(reader: BodyReader): number {
  if (!reader.has('element_list')) return 0
  const list = reader.body.element_list
  if (!Array.isArray(list)) throw invalidParam('element_list must be an array')
  for (const item of list as unknown[]) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalidParam('element_list items must be objects')
    const entry = item as Record<string, unknown>
    for (const key of Object.keys(entry)) {
      if (key !== 'element_id') throw invalidParam(`unknown parameter: element_list[].${key}`)
    }
    if (entry.element_id === undefined) throw invalidRequest('element_list[].element_id is required')
    if (typeof entry.element_id !== 'number' || !Number.isSafeInteger(entry.element_id)) {
      throw invalidParam('element_list[].element_id must be an integer')
    }
  }
  return list.length
}
