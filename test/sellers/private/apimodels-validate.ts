import type { CreateRequest, GenerationAspectRatio } from '../../simulator/private/create-request'
import type { GenerationModel } from '../../simulator/private/model-capabilities'
import { fetchInputImageAsync, InputImageError } from './fetch-input-image'
import { FieldCheck, FieldProblems } from './field-check'
import { expandRender, generationRender } from './kling-render-request'

/** apimodels' `model` values (provider-docs/apimodels-kling-image.txt, "Available Models"). */
export const APIMODELS_MODELS = ['kling-v2', 'kling-v2-new', 'kling-v2-1', 'kling-v3-image', 'kling-multi-image', 'kling-expand', 'kling-image-o1'] as const
export type ApimodelsModel = (typeof APIMODELS_MODELS)[number]

const RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9'] as const
const TEXT_FIELDS = ['model', 'prompt', 'image_url', 'negative_prompt', 'image_reference', 'image_fidelity', 'human_fidelity', 'resolution', 'n', 'aspect_ratio', 'callback_url']

/** The model behind each name, as the task's `model` echoes it (`kling-image-gen/kling-v3`). */
export const UPSTREAM_MODEL: Record<ApimodelsModel, string> = {
  'kling-v2': 'kling-v2',
  'kling-v2-new': 'kling-v2-new',
  'kling-v2-1': 'kling-v2-1',
  'kling-v3-image': 'kling-v3',
  'kling-multi-image': 'kling-v2-1',
  'kling-expand': 'kling-expand',
  'kling-image-o1': 'kling-image-o1',
}

const RENDER_MODEL: Record<ApimodelsModel, GenerationModel> = {
  'kling-v2': 'kling-v2',
  'kling-v2-new': 'kling-v2-new',
  'kling-v2-1': 'kling-v2-1',
  'kling-v3-image': 'kling-v3',
  'kling-multi-image': 'kling-v2-1',
  'kling-expand': 'kling-v3',
  'kling-image-o1': 'kling-v3',
}

export interface ApimodelsSubmit {
  render: CreateRequest
  callbackUrl: string | null
}

/**
 * Validates a create body by its `model` (each model has its own field set), fetches every image URL, and returns
 * the Kling request it amounts to. Problems throw `FieldProblems`.
 */
export async function validateApimodelsAsync(model: ApimodelsModel, body: Record<string, unknown>): Promise<ApimodelsSubmit> {
  try {
    if (model === 'kling-expand') return await expand(body)
    if (model === 'kling-multi-image') return await multiImage(body)
    return await textOrImage(model, body)
  } catch (error) {
    if (error instanceof InputImageError) throw new FieldProblems([{ field: error.field, message: error.message, type: 'image' }])
    throw error
  }
}

async function textOrImage(model: ApimodelsModel, body: Record<string, unknown>): Promise<ApimodelsSubmit> {
  const check = new FieldCheck(body, TEXT_FIELDS)
  const prompt = check.string('prompt', { required: true, max: 2500 }) ?? ''
  const negative = check.string('negative_prompt', { max: 2500 })
  check.oneOf('image_reference', ['subject', 'face'] as const)
  check.number('image_fidelity', 0, 1)
  check.number('human_fidelity', 0, 1)
  const resolution = check.oneOf('resolution', ['1k', '2k'] as const) ?? '1k'
  const n = check.number('n', 1, 9, { integer: true }) ?? 1
  const ratio = check.oneOf('aspect_ratio', RATIOS) ?? '1:1'
  const callbackUrl = check.url('callback_url') ?? null
  const imageUrl = check.string('image_url')
  // Per the model table: kling-v2-1 does text2img and multi-img only; kling-v2-new is image-to-image only.
  if (model === 'kling-v2-1' && imageUrl !== undefined) check.add('image_url', 'kling-v2-1 does not support image-to-image')
  if (model === 'kling-v2-new' && imageUrl === undefined) check.add('image_url', 'kling-v2-new (style transfer) requires image_url')
  if (imageUrl !== undefined && negative !== undefined) check.add('negative_prompt', 'negative_prompt is not supported with image_url')
  check.done()
  const image = imageUrl === undefined ? null : await fetchInputImageAsync('image_url', imageUrl)
  const render = generationRender({ model: RENDER_MODEL[model], prompt, n, aspectRatio: ratio as GenerationAspectRatio, resolution, image, negativePrompt: negative })
  return { render, callbackUrl }
}

async function multiImage(body: Record<string, unknown>): Promise<ApimodelsSubmit> {
  const check = new FieldCheck(body, ['model', 'multi_model_name', 'subject_image_list', 'scene_image', 'style_image', 'prompt', 'n', 'aspect_ratio', 'callback_url'])
  check.oneOf('multi_model_name', ['kling-v2', 'kling-v2-1'] as const)
  const list = check.array('subject_image_list', 1, 4, true)
  const scene = check.string('scene_image')
  const style = check.string('style_image')
  const prompt = check.string('prompt', { max: 2500 }) ?? ''
  const n = check.number('n', 1, 9, { integer: true }) ?? 1
  const ratio = check.oneOf('aspect_ratio', RATIOS) ?? '1:1'
  const callbackUrl = check.url('callback_url') ?? null
  const subjects: unknown[] = []
  list?.forEach((item, i) => {
    const entry = item as Record<string, unknown> | null
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry) || Object.keys(entry).some((k) => k !== 'subject_image')) {
      check.add(`subject_image_list.${i}`, 'must be an object { subject_image: "url" }')
    } else subjects.push(entry.subject_image)
  })
  check.done()
  const images = await Promise.all(subjects.map((url, i) => fetchInputImageAsync(`subject_image_list.${i}.subject_image`, url)))
  if (scene !== undefined) await fetchInputImageAsync('scene_image', scene)
  if (style !== undefined) await fetchInputImageAsync('style_image', style)
  const render = generationRender({ model: 'kling-v2-1', prompt, n, aspectRatio: ratio as GenerationAspectRatio, resolution: '1k', image: images[0] })
  return { render, callbackUrl }
}

async function expand(body: Record<string, unknown>): Promise<ApimodelsSubmit> {
  const check = new FieldCheck(body, ['model', 'image_url', 'up_expansion_ratio', 'down_expansion_ratio', 'left_expansion_ratio', 'right_expansion_ratio', 'prompt', 'n', 'callback_url'])
  const imageUrl = check.string('image_url', { required: true })
  const up = check.number('up_expansion_ratio', 0, 2, { required: true })
  const down = check.number('down_expansion_ratio', 0, 2, { required: true })
  const left = check.number('left_expansion_ratio', 0, 2, { required: true })
  const right = check.number('right_expansion_ratio', 0, 2, { required: true })
  const prompt = check.string('prompt', { max: 2500 }) ?? null
  const n = check.number('n', 1, 9, { integer: true }) ?? 1
  const callbackUrl = check.url('callback_url') ?? null
  if (up !== undefined && down !== undefined && left !== undefined && right !== undefined && (1 + up + down) * (1 + left + right) > 3 + 1e-9) {
    check.add('up_expansion_ratio', 'Total area must not exceed 3x original')
  }
  check.done()
  const image = await fetchInputImageAsync('image_url', imageUrl)
  return { render: expandRender({ image, prompt, n, up: up!, down: down!, left: left!, right: right! }), callbackUrl }
}
