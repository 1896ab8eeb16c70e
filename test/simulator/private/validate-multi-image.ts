import { BodyReader } from './body-reader'
import { GENERATION_ASPECT_RATIOS, type MultiImageRequest } from './create-request'
import { invalidParam, invalidRequest } from './kling-error'
import { DEFAULT_MULTI_IMAGE_MODEL, MULTI_IMAGE_MODELS } from './model-capabilities'
import { parseImageInputAsync, type InputImage } from './parse-image-input'

const KEYS = [
  'model_name',
  'prompt',
  'negative_prompt',
  'subject_image_list',
  'scene_image',
  'style_image',
  'n',
  'aspect_ratio',
  'watermark_info',
  'callback_url',
  'external_task_id',
] as const

const MAX_TEXT = 2500
const MAX_SUBJECTS = 4

/**
 * Validates a multi-image2image body against the official field table (kling-upstream.md §2.5): 1 to 4
 * `{subject_image}` entries, optional scene and style images, no `resolution` (an unknown key here). Cheap checks
 * first, images last. Throws KlingError 400/1200 or 400/1201.
 */
export async function validateMultiImageAsync(body: Record<string, unknown>): Promise<MultiImageRequest> {
  const reader = new BodyReader(body, KEYS)
  const model = reader.oneOf('model_name', MULTI_IMAGE_MODELS) ?? DEFAULT_MULTI_IMAGE_MODEL
  const prompt = reader.string('prompt', MAX_TEXT) ?? null
  const negative = reader.string('negative_prompt', MAX_TEXT) ?? null
  const subjectFields = readSubjectList(body.subject_image_list)
  const sceneField = reader.string('scene_image') ?? null
  const styleField = reader.string('style_image') ?? null
  const n = reader.integer('n', 1, 9) ?? 1
  const aspectRatio = reader.oneOf('aspect_ratio', GENERATION_ASPECT_RATIOS) ?? '16:9'
  const watermark = reader.watermark()
  const callbackUrl = reader.callbackUrl() ?? null
  const externalTaskId = reader.string('external_task_id') ?? null

  const subjects: InputImage[] = []
  for (const [i, value] of subjectFields.entries()) subjects.push(await parseImageInputAsync(`subject_image_list[${i}].subject_image`, value))
  return {
    endpoint: 'multi-image2image',
    model_name: model,
    prompt,
    negative_prompt: negative,
    subjects,
    scene: sceneField === null ? null : await parseImageInputAsync('scene_image', sceneField),
    style: styleField === null ? null : await parseImageInputAsync('style_image', styleField),
    aspect_ratio: aspectRatio,
    n,
    watermark,
    callback_url: callbackUrl,
    external_task_id: externalTaskId,
  }
}

/** `subject_image_list: [{"subject_image": "<url or raw base64>"}]`, 1 to 4 entries, required. */
function readSubjectList(list: unknown): string[] {
  if (list === undefined || list === null) throw invalidRequest('subject_image_list is required')
  if (!Array.isArray(list)) throw invalidParam('subject_image_list must be an array')
  if (list.length === 0) throw invalidRequest('subject_image_list must contain at least 1 image')
  if (list.length > MAX_SUBJECTS) throw invalidParam(`subject_image_list cannot contain more than ${MAX_SUBJECTS} images (got ${list.length})`)
  return list.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalidParam(`subject_image_list[${i}] must be an object`)
    const entry = item as Record<string, unknown>
    for (const key of Object.keys(entry)) {
      if (key !== 'subject_image') throw invalidParam(`unknown parameter: subject_image_list[${i}].${key}`)
    }
    if (entry.subject_image === undefined || entry.subject_image === null || entry.subject_image === '') {
      throw invalidRequest(`subject_image_list[${i}].subject_image is required`)
    }
    if (typeof entry.subject_image !== 'string') throw invalidParam(`subject_image_list[${i}].subject_image must be a string`)
    return entry.subject_image
  })
}
