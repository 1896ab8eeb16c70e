import type { TaskInput } from './provider'

/** Kling's model name → apimodels' `model` for generations. */
const SELLER_MODEL: Record<string, string> = {
  'kling-v3': 'kling-v3-image',
  'kling-v2-1': 'kling-v2-1',
  'kling-v2': 'kling-v2',
  'kling-v2-new': 'kling-v2-new',
  'kling-image-o1': 'kling-image-o1',
}

export const apimodelsUrl = (base: string) => `${base}/api/v1/images/generations`
export const apimodelsTaskUrl = (base: string, taskId: string) => `${apimodelsUrl(base)}?task_id=${encodeURIComponent(taskId)}`

/**
 * The create body, routed by `model` (each with its own field names): expand → `kling-expand` with the four
 * `*_expansion_ratio`s and `image_url`; multi_reference → `kling-multi-image` with `multi_model_name` and
 * `subject_image_list: [{subject_image}]`; generate / image_to_image / omni → the seller's name for the model,
 * lower-case `resolution`, `image_url` for the input. Images go by URL only.
 */
export function apimodelsBody(input: TaskInput): Record<string, unknown> {
  const callback = input.callbackUrl ? { callback_url: input.callbackUrl } : {}
  if (input.operation === 'expand') {
    const e = input.expansion ?? { top: 0, bottom: 0, left: 0, right: 0 }
    return {
      model: 'kling-expand',
      image_url: requiredUrl(input, 'image'),
      up_expansion_ratio: e.top,
      down_expansion_ratio: e.bottom,
      left_expansion_ratio: e.left,
      right_expansion_ratio: e.right,
      ...(input.prompt ? { prompt: input.prompt } : {}),
      n: input.n,
      ...callback,
    }
  }
  if (input.operation === 'multi_reference') {
    return {
      model: 'kling-multi-image',
      multi_model_name: input.model,
      subject_image_list: (input.subject_images ?? []).map((_, i) => ({ subject_image: requiredUrl(input, `subject_images.${i}`) })),
      ...(input.scene_image ? { scene_image: requiredUrl(input, 'scene_image') } : {}),
      ...(input.style_image ? { style_image: requiredUrl(input, 'style_image') } : {}),
      ...(input.prompt ? { prompt: input.prompt } : {}),
      n: input.n,
      aspect_ratio: input.aspect_ratio ?? '1:1',
      ...callback,
    }
  }
  const model = SELLER_MODEL[input.model]
  if (!model) throw new Error(`apimodels has no model for ${input.model}`)
  const body: Record<string, unknown> = { model, prompt: input.prompt ?? '', n: input.n }
  if (model !== 'kling-v2-new') {
    body.aspect_ratio = input.aspect_ratio ?? '1:1'
    body.resolution = (input.resolution ?? '1k').toLowerCase()
  }
  if (input.operation === 'generate') {
    if (input.negative_prompt) body.negative_prompt = input.negative_prompt
  } else if (input.operation === 'omni') {
    // Its one image field; the prompt keeps Kling's own <<<image_1>>> syntax, which apimodels passes through.
    if (input.images?.length) body.image_url = requiredUrl(input, 'images.0')
  } else {
    body.image_url = requiredUrl(input, 'image')
    if (input.image_reference) body.image_reference = input.image_reference
    if (input.image_fidelity !== undefined) body.image_fidelity = input.image_fidelity
    if (input.human_fidelity !== undefined) body.human_fidelity = input.human_fidelity
  }
  return { ...body, ...callback }
}

function requiredUrl(input: TaskInput, slot: string): string {
  const url = input.inputUrls?.[slot]
  if (!url) throw new Error(`apimodels needs the URL of input ${slot}`)
  return url
}
