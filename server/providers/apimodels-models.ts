import { LIMITS } from '../../shared/api/limits'
import type { ModelEntry } from './model-capabilities'
import { ONE_IMAGE, operationRules } from './operation-rules'

/** apimodels' `kling-expand`: model-independent, like Kling's own expand endpoint. */
const expand = operationRules({ aspect_ratios: [], default_aspect_ratio: null, resolutions: [], images: ONE_IMAGE })

/** apimodels' `kling-multi-image`: subjects, scene and style by URL; no resolution, no negative prompt. */
const multiReference = operationRules({
  resolutions: [],
  images: { min: LIMITS.subject_images_min, max: LIMITS.subject_images_max },
  parameters: ['scene_image', 'style_image'],
})

/**
 * What apimodels.app offers (provider-docs/apimodels-kling-image.txt, "Available Models"), under Kling's model
 * names. Kept conservative where its page is silent: resolutions only where it says 1K/2K or Kling's map does,
 * no reference type or fidelity (Kling refuses them on these models), one image for Omni (its only image field is
 * `image_url`).
 */
export const APIMODELS_MODELS: ModelEntry[] = [
  {
    id: 'kling-v3',
    label: 'Kling Image 3.0 (apimodels.app)',
    description: 'Text to image or one reference image at 1K or 2K, and expand, through apimodels.app.',
    by_operation: {
      generate: operationRules({ resolutions: ['1k', '2k'], parameters: ['negative_prompt'] }),
      image_to_image: operationRules({ resolutions: ['1k', '2k'], images: ONE_IMAGE }),
      expand,
    },
  },
  {
    id: 'kling-v2-1',
    label: 'Kling 2.1 (apimodels.app)',
    description: 'Text to image, or up to 4 subjects combined into one scene, through apimodels.app.',
    by_operation: {
      generate: operationRules({ resolutions: ['1k'], parameters: ['negative_prompt'] }),
      multi_reference: multiReference,
    },
  },
  {
    id: 'kling-v2',
    label: 'Kling 2.0 (apimodels.app)',
    description: 'Text to image up to 2K, one reference image, or up to 4 subjects, through apimodels.app.',
    by_operation: {
      generate: operationRules({ resolutions: ['1k', '2k'], parameters: ['negative_prompt'] }),
      image_to_image: operationRules({ resolutions: ['1k'], images: ONE_IMAGE }),
      multi_reference: multiReference,
    },
  },
  {
    id: 'kling-v2-new',
    label: 'Kling Restyle (apimodels.app)',
    description: 'Style transfer at the image\'s own size, through apimodels.app.',
    by_operation: {
      image_to_image: operationRules({ aspect_ratios: [], default_aspect_ratio: null, resolutions: [], images: ONE_IMAGE, style_transfer: true }),
    },
  },
  {
    id: 'kling-image-o1',
    label: 'Kling Omni O1 (apimodels.app)',
    description: 'Omni from a prompt, or editing one reference image, 1K or 2K, through apimodels.app.',
    by_operation: {
      omni: operationRules({ resolutions: ['1k', '2k'], images: { min: 0, max: 1 } }),
    },
  },
]

export const APIMODELS_PREFERRED_MODELS = {
  generate: 'kling-v3',
  image_to_image: 'kling-v3',
  expand: 'kling-v3',
  multi_reference: 'kling-v2-1',
  omni: 'kling-image-o1',
} as const
