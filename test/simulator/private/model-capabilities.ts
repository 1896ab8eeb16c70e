/**
 * What each `/v1/images/generations` model accepts, from the official field notes and the capability map
 * (kling-upstream.md §2.1, §2.2). The simulator rejects (400/1201) what the docs say a model does not support,
 * even where the real API might silently ignore it: the backend must not depend on upstream leniency.
 */
export const GENERATION_MODELS = ['kling-v1', 'kling-v1-5', 'kling-v2', 'kling-v2-new', 'kling-v2-1', 'kling-v3'] as const
export type GenerationModel = (typeof GENERATION_MODELS)[number]

/** Documented default when `model_name` is absent or empty (and when only the legacy `model` field is sent). */
export const DEFAULT_GENERATION_MODEL: GenerationModel = 'kling-v1'

export interface ModelCapabilities {
  textToImage: boolean
  /** 21:9 is the only ratio some models lack (kling-v1). */
  ultraWide: boolean
  /** Resolutions for text-to-image and for image-to-image. */
  textResolutions: readonly ('1k' | '2k')[]
  imageResolutions: readonly ('1k' | '2k')[]
  /** "Only kling-v1-5 supports" `image_reference`; it is then required with an image. */
  imageReference: boolean
  /** "Only kling-v1, kling-v1-5 support" `image_fidelity`. */
  imageFidelity: boolean
  /** "Only kling-v1-5 supports" `human_fidelity`, and only with `image_reference: subject`. */
  humanFidelity: boolean
  /** Restyle: the output keeps the input's pixel size. */
  outputIsInputSize: boolean
}

const base: ModelCapabilities = {
  textToImage: true,
  ultraWide: true,
  textResolutions: ['1k'],
  imageResolutions: ['1k'],
  imageReference: false,
  imageFidelity: false,
  humanFidelity: false,
  outputIsInputSize: false,
}

export const MODEL_CAPABILITIES: Readonly<Record<GenerationModel, ModelCapabilities>> = {
  'kling-v1': { ...base, ultraWide: false, imageFidelity: true },
  'kling-v1-5': { ...base, imageReference: true, imageFidelity: true, humanFidelity: true },
  'kling-v2': { ...base, textResolutions: ['1k', '2k'] },
  'kling-v2-new': { ...base, textToImage: false, outputIsInputSize: true },
  // Resolution support of kling-v2-1 is not in the capability map (UNCONFIRMED): accept both.
  'kling-v2-1': { ...base, textResolutions: ['1k', '2k'], imageResolutions: ['1k', '2k'] },
  'kling-v3': { ...base, textResolutions: ['1k', '2k'], imageResolutions: ['1k', '2k'] },
}

/** `/v1/images/multi-image2image` models (kling-upstream.md §2.5); the default when absent is kling-v2. */
export const MULTI_IMAGE_MODELS = ['kling-v2', 'kling-v2-1'] as const
export type MultiImageModel = (typeof MULTI_IMAGE_MODELS)[number]
export const DEFAULT_MULTI_IMAGE_MODEL: MultiImageModel = 'kling-v2'

/** `/v1/images/omni-image` models (kling-upstream.md §2.4); the default when absent is kling-image-o1. */
export const OMNI_MODELS = ['kling-image-o1', 'kling-v3-omni'] as const
export type OmniModel = (typeof OMNI_MODELS)[number]
export const DEFAULT_OMNI_MODEL: OmniModel = 'kling-image-o1'

export interface OmniCapabilities {
  resolutions: readonly ('1k' | '2k' | '4k')[]
  /** `result_type: "series"` (kling-image-o1 cannot). */
  series: boolean
  /** `aspect_ratio: "auto"` for a prompt without images (§2.2: kling-image-o1 text-to-image has no auto). */
  autoWithoutImages: boolean
}

export const OMNI_CAPABILITIES: Readonly<Record<OmniModel, OmniCapabilities>> = {
  'kling-image-o1': { resolutions: ['1k', '2k'], series: false, autoWithoutImages: false },
  'kling-v3-omni': { resolutions: ['1k', '2k', '4k'], series: true, autoWithoutImages: true },
}
