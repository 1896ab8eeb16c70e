import { ASPECT_RATIOS } from '../../shared/api/enums'
import { LIMITS } from '../../shared/api/limits'
import type { ModelCapabilities } from '../../shared/api/schemas'

/**
 * What fal.ai offers of Kling's image models (kling-upstream.md §7.1–7.2), under Kling's own model names.
 * fal has no expand and no multi-image reference endpoint; its image-to-image takes no negative prompt, no
 * reference type and no fidelity, and has no style transfer.
 */
export const FAL_MODELS: ModelCapabilities[] = [
  {
    id: 'kling-v3',
    label: 'Kling Image 3.0 (fal.ai)',
    operations: ['generate', 'image_to_image'],
    aspect_ratios: [...ASPECT_RATIOS],
    resolutions: ['1k', '2k'],
    n: { min: LIMITS.n_min, max: LIMITS.n_max },
    parameters: ['negative_prompt'],
  },
]

export const FAL_DEFAULT_MODEL = 'kling-v3'
