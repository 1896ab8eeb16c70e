import { LIMITS } from '../../shared/api/limits'
import type { ModelEntry } from './model-capabilities'
import { ONE_IMAGE, operationRules, SELLER_RATIOS } from './operation-rules'

/**
 * What fal.ai offers of Kling's image models (kling-upstream.md §7.1–7.2), under Kling's own model names. fal has
 * no expand and no multi-image reference endpoint; its image-to-image takes no negative prompt, no reference type
 * and no fidelity, and has no style transfer.
 */
export const FAL_MODELS: ModelEntry[] = [
  {
    id: 'kling-v3',
    label: 'Kling Image 3.0 (fal.ai)',
    description: 'Text to image or one reference image, 1K or 2K, through fal.ai.',
    by_operation: {
      generate: operationRules({ resolutions: ['1k', '2k'], parameters: ['negative_prompt'] }),
      image_to_image: operationRules({ resolutions: ['1k', '2k'], images: ONE_IMAGE }),
    },
  },
  {
    id: 'kling-image-o1',
    label: 'Kling Omni O1 (fal.ai)',
    description: 'Omni: edit with 1 to 10 reference images named in the prompt, 1K or 2K, through fal.ai.',
    by_operation: {
      // fal's o1 endpoint needs image_urls.
      omni: operationRules({
        aspect_ratios: [...SELLER_RATIOS, 'auto'],
        default_aspect_ratio: 'auto',
        resolutions: ['1k', '2k'],
        images: { min: 1, max: LIMITS.omni_images_max },
      }),
    },
  },
  {
    id: 'kling-v3-omni',
    label: 'Kling Omni 3.0 (fal.ai)',
    description: 'Omni with up to 10 reference images, 4K, and storyboard series of 2 to 9 images, through fal.ai.',
    by_operation: {
      // o3/text-to-image without images (no `auto` there), o3/image-to-image with them.
      omni: operationRules({
        aspect_ratios: [...SELLER_RATIOS, 'auto'],
        default_aspect_ratio: 'auto',
        auto_needs_image: true,
        resolutions: ['1k', '2k', '4k'],
        images: { min: 0, max: LIMITS.omni_images_max },
        parameters: ['result_type', 'series_amount'],
        series: { min: LIMITS.series_amount_min, max: LIMITS.series_amount_max },
      }),
    },
  },
]

export const FAL_PREFERRED_MODELS = { generate: 'kling-v3', image_to_image: 'kling-v3', omni: 'kling-image-o1' } as const
