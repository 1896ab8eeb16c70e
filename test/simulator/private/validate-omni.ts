import { BodyReader } from './body-reader'
import { GENERATION_ASPECT_RATIOS, type OmniRequest } from './create-request'
import { invalidParam, invalidRequest } from './kling-error'
import { DEFAULT_OMNI_MODEL, OMNI_CAPABILITIES, OMNI_MODELS } from './model-capabilities'
import { parseImageInputAsync, type InputImage } from './parse-image-input'

const KEYS = [
  'model_name',
  'prompt',
  'image_list',
  'element_list',
  'resolution',
  'result_type',
  'n',
  'series_amount',
  'aspect_ratio',
  'watermark_info',
  'callback_url',
  'external_task_id',
] as const

const MAX_TEXT = 2500
/** "elements + images ≤ 10" (kling-upstream.md §2.4). */
const MAX_REFERENCES = 10
const REFERENCE = /<<<image_(\d+)>>>/g

/**
 * Validates an omni-image body against the official field table (kling-upstream.md §2.4, §2.2): `image_list` of
 * `{image}`, `<<<image_N>>>` references within the list, 4K and series only on kling-v3-omni, `auto` ratio for a
 * prompt alone not on kling-image-o1. Cheap checks first, images last. Throws KlingError 400/1200 or 400/1201.
 */
export async function validateOmniAsync(body: Record<string, unknown>): Promise<OmniRequest> {
  const reader = new BodyReader(body, KEYS)
  const model = reader.oneOf('model_name', OMNI_MODELS) ?? DEFAULT_OMNI_MODEL
  const caps = OMNI_CAPABILITIES[model]
  const prompt = reader.requiredString('prompt', MAX_TEXT)
  const imageFields = readImageList(reader)
  const elements = readElementCount(reader)
  const resolution = reader.oneOf('resolution', ['1k', '2k', '4k'] as const) ?? '1k'
  const resultType = reader.oneOf('result_type', ['single', 'series'] as const) ?? 'single'
  const n = reader.integer('n', 1, 9) ?? 1
  const seriesAmount = reader.integer('series_amount', 2, 9) ?? null
  const aspectRatio = reader.oneOf('aspect_ratio', [...GENERATION_ASPECT_RATIOS, 'auto'] as const) ?? 'auto'
  const watermark = reader.watermark()
  const callbackUrl = reader.callbackUrl() ?? null
  const externalTaskId = reader.string('external_task_id') ?? null

  if (!caps.resolutions.includes(resolution)) {
    throw invalidParam(`resolution ${resolution} is not supported by ${model} (supported: ${caps.resolutions.join(', ')})`)
  }
  if (resultType === 'series' && !caps.series) throw invalidParam(`result_type series is not supported by ${model}`)
  if (resultType === 'series' && seriesAmount === null) throw invalidRequest('series_amount is required when result_type is series')
  if (imageFields.length + elements > MAX_REFERENCES) throw invalidParam('element_list plus image_list cannot exceed 10')
  if (aspectRatio === 'auto' && imageFields.length === 0 && !caps.autoWithoutImages) {
    throw invalidParam(`aspect_ratio auto is not supported by ${model} without a reference image`)
  }
  for (const match of prompt.matchAll(REFERENCE)) {
    const index = Number(match[1])
    if (index < 1 || index > imageFields.length) {
      throw invalidParam(`prompt refers to <<<image_${index}>>> but image_list has ${imageFields.length} image(s)`)
    }
  }
  const images: InputImage[] = []
  for (const [i, value] of imageFields.entries()) images.push(await parseImageInputAsync(`image_list[${i}].image`, value))
  const series = resultType === 'series'
  return {
    endpoint: 'omni-image',
    model_name: model,
    prompt,
    images,
    resolution,
    aspect_ratio: aspectRatio,
    result_type: resultType,
    // `n` is ignored for a series, `series_amount` for a single result (§2.4).
    series_amount: series ? seriesAmount : null,
    n: series ? (seriesAmount as number) : n,
    watermark,
    callback_url: callbackUrl,
    external_task_id: externalTaskId,
  }
}

/** `image_list: [{"image": "<url or raw base64>"}]`; optional, each `image` non-empty. */
function readImageList(reader: BodyReader): string[] {
  if (!reader.has('image_list')) return []
  const list = reader.body.image_list
  if (!Array.isArray(list)) throw invalidParam('image_list must be an array')
  return list.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalidParam(`image_list[${i}] must be an object`)
    const entry = item as Record<string, unknown>
    for (const key of Object.keys(entry)) {
      if (key !== 'image') throw invalidParam(`unknown parameter: image_list[${i}].${key}`)
    }
    if (entry.image === undefined || entry.image === null || entry.image === '') throw invalidRequest(`image_list[${i}].image is required`)
    if (typeof entry.image !== 'string') throw invalidParam(`image_list[${i}].image must be a string`)
    return entry.image
  })
}

/** `element_list: [{"element_id": long}]`; the simulator has no elements, so it only counts them. */
function readElementCount(reader: BodyReader): number {
  if (!reader.has('element_list')) return 0
  const list = reader.body.element_list
  if (!Array.isArray(list)) throw invalidParam('element_list must be an array')
  for (const item of list as unknown[]) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalidParam('element_list items must be objects')
    for (const key of Object.keys(item)) if (key !== 'element_id') throw invalidParam(`unknown parameter: element_list[].${key}`)
    const id = (item as Record<string, unknown>).element_id
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw invalidParam('element_list[].element_id must be an integer')
  }
  return list.length
}
