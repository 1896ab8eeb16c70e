import type { ModelEntry } from './model-capabilities'
import { operationRules } from './operation-rules'

/**
 * PixelDojo's `kling-image` (provider-docs/pixeldojo-*.txt): text to image only (its docs show no image input),
 * 1K/2K, eight ratios, 1 to 9 outputs, and a negative prompt. Under Kling's name for the model it runs.
 */
export const PIXELDOJO_MODELS: ModelEntry[] = [
  {
    id: 'kling-v3',
    label: 'Kling Image 3.0 (PixelDojo)',
    description: 'Text to image, 1K or 2K, through PixelDojo (1 credit per image).',
    by_operation: {
      generate: operationRules({ resolutions: ['1k', '2k'], parameters: ['negative_prompt'] }),
    },
  },
]
