import type { InputImage } from './parse-image-input'
import type { GenerationModel, MultiImageModel, OmniModel } from './model-capabilities'

/** Kling's eight aspect ratios for `/v1/images/generations` (no `auto` there). */
export const GENERATION_ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9'] as const
export type GenerationAspectRatio = (typeof GENERATION_ASPECT_RATIOS)[number]

/** Fields every create request shares (both endpoints). */
interface CommonRequest {
  prompt: string | null
  n: number
  watermark: boolean
  callback_url: string | null
  external_task_id: string | null
}

/** A validated `POST /v1/images/generations` body, defaults applied. */
export interface GenerationRequest extends CommonRequest {
  endpoint: 'generations'
  model_name: GenerationModel
  /** True when `model_name` was absent/empty and Kling silently picked kling-v1 (the documented trap). */
  model_name_defaulted: boolean
  prompt: string
  negative_prompt: string | null
  image: InputImage | null
  image_reference: 'subject' | 'face' | null
  resolution: '1k' | '2k'
  aspect_ratio: GenerationAspectRatio
}

/** A validated `POST /v1/images/editing/expand` body; ratios are multiples of the input's width/height. */
export interface ExpandRequest extends CommonRequest {
  endpoint: 'expand'
  image: InputImage
  up: number
  down: number
  left: number
  right: number
}

/** A validated `POST /v1/images/multi-image2image` body (kling-upstream.md §2.5), defaults applied. */
export interface MultiImageRequest extends CommonRequest {
  endpoint: 'multi-image2image'
  model_name: MultiImageModel
  negative_prompt: string | null
  /** 1 to 4 subjects, in order. */
  subjects: InputImage[]
  scene: InputImage | null
  style: InputImage | null
  aspect_ratio: GenerationAspectRatio
}

/** A validated `POST /v1/images/omni-image` body (kling-upstream.md §2.4), defaults applied. */
export interface OmniRequest extends CommonRequest {
  endpoint: 'omni-image'
  model_name: OmniModel
  prompt: string
  /** `image_list` in order: `<<<image_1>>>` is the first. */
  images: InputImage[]
  resolution: '1k' | '2k' | '4k'
  aspect_ratio: GenerationAspectRatio | 'auto'
  result_type: 'single' | 'series'
  /** For a series, `n` (images produced, slots held) is `series_amount`. */
  series_amount: number | null
}

export type CreateRequest = GenerationRequest | ExpandRequest | MultiImageRequest | OmniRequest
export type Endpoint = CreateRequest['endpoint']
