import { ASPECT_RATIOS } from '../../shared/api/enums'
import { LIMITS } from '../../shared/api/limits'
import type { ModelCapabilities } from '../../shared/api/schemas'
import type { TaskInput } from './provider'

const n = { min: LIMITS.n_min, max: LIMITS.n_max }
const ratios = [...ASPECT_RATIOS]
const imageParameters = ['image_reference', 'image_fidelity', 'human_fidelity']

/**
 * What apimodels.app offers (provider-docs/apimodels-kling-image.txt, "Available Models"), under Kling's model
 * names. Expand runs on its own model (`kling-expand`) whatever model the job names, as on Kling; it is listed on
 * the default model.
 */
export const APIMODELS_MODELS: ModelCapabilities[] = [
  {
    id: 'kling-v3',
    label: 'Kling Image 3.0 (apimodels.app)',
    operations: ['generate', 'image_to_image', 'expand'],
    aspect_ratios: ratios,
    resolutions: ['1k', '2k'],
    n,
    parameters: ['negative_prompt', ...imageParameters],
  },
  {
    id: 'kling-v2-1',
    label: 'Kling 2.1 (apimodels.app)',
    // text2img and multi-img only: no single-image reference.
    operations: ['generate'],
    aspect_ratios: ratios,
    resolutions: ['1k', '2k'],
    n,
    parameters: ['negative_prompt'],
  },
  {
    id: 'kling-v2',
    label: 'Kling 2.0 (apimodels.app)',
    operations: ['generate', 'image_to_image'],
    aspect_ratios: ratios,
    resolutions: ['1k', '2k'],
    n,
    parameters: ['negative_prompt', ...imageParameters],
  },
  {
    id: 'kling-v2-new',
    label: 'Kling 2.0 style transfer (apimodels.app)',
    // The result keeps the input's size: no ratio or resolution reaches apimodels.
    operations: ['image_to_image'],
    aspect_ratios: ratios,
    resolutions: ['1k'],
    n,
    parameters: [],
  },
]

export const APIMODELS_DEFAULT_MODEL = 'kling-v3'

/** Kling's model name → apimodels' `model` for generations. */
const SELLER_MODEL: Record<string, string> = {
  'kling-v3': 'kling-v3-image',
  'kling-v2-1': 'kling-v2-1',
  'kling-v2': 'kling-v2',
  'kling-v2-new': 'kling-v2-new',
}

export const apimodelsUrl = (base: string) => `${base}/api/v1/images/generations`
export const apimodelsTaskUrl = (base: string, taskId: string) => `${apimodelsUrl(base)}?task_id=${encodeURIComponent(taskId)}`

/**
 * The create body, routed by `model` (each with its own field names): expand → `kling-expand` with the four
 * `*_expansion_ratio`s and `image_url`; generate / image_to_image → the seller's name for the model, lower-case
 * `resolution`, `image_url` for the input. Images go by URL only.
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
  const model = SELLER_MODEL[input.model]
  if (!model) throw new Error(`apimodels has no model for ${input.model}`)
  const body: Record<string, unknown> = { model, prompt: input.prompt ?? '', n: input.n }
  if (model !== 'kling-v2-new') {
    body.aspect_ratio = input.aspect_ratio ?? '1:1'
    body.resolution = (input.resolution ?? '1k').toLowerCase()
  }
  if (input.operation === 'generate') {
    if (input.negative_prompt) body.negative_prompt = input.negative_prompt
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
