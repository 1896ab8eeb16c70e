import { ASPECT_RATIOS } from '../../shared/api/enums'
import { LIMITS } from '../../shared/api/limits'
import type { ModelCapabilities } from '../../shared/api/schemas'

const n = { min: LIMITS.n_min, max: LIMITS.n_max }
const ALL_RATIOS = [...ASPECT_RATIOS]

/**
 * What each Kling image model can do through `/v1/images/generations`, kept conservative: only what
 * kling-upstream.md §2.1–2.2 confirms. Where a resolution is unconfirmed we offer 1k only. Expand runs on its own
 * model-independent endpoint, so every model lists it (the model choice does not reach Kling for expand).
 */
export const KLING_MODELS: ModelCapabilities[] = [
  {
    id: 'kling-v3',
    label: 'Kling Image 3.0',
    operations: ['generate', 'image_to_image', 'expand'],
    aspect_ratios: ALL_RATIOS,
    resolutions: ['1k', '2k'],
    n,
    // Kling documents image_reference for kling-v1-5 only (kling-upstream.md §2.1); sending it elsewhere is a 1201.
    parameters: ['negative_prompt'],
  },
  {
    id: 'kling-v2-1',
    label: 'Kling 2.1',
    // Kling's own sample sends kling-v2-1 with a single reference image; its resolution range is unpublished.
    operations: ['generate', 'image_to_image', 'expand'],
    aspect_ratios: ALL_RATIOS,
    resolutions: ['1k'],
    n,
    parameters: ['negative_prompt'],
  },
  {
    id: 'kling-v2',
    label: 'Kling 2.0',
    // Its image-to-image modes are multi-image and restyle, not the single-reference call this API makes.
    operations: ['generate', 'expand'],
    aspect_ratios: ALL_RATIOS,
    resolutions: ['1k', '2k'],
    n,
    parameters: ['negative_prompt'],
  },
  {
    id: 'kling-v1-5',
    label: 'Kling 1.5',
    operations: ['generate', 'image_to_image', 'expand'],
    aspect_ratios: ALL_RATIOS,
    resolutions: ['1k'],
    n,
    // image_reference is required by Kling with an image; the server sends `subject` when it is absent.
    parameters: ['negative_prompt', 'image_reference', 'image_fidelity', 'human_fidelity'],
  },
  {
    id: 'kling-v1',
    label: 'Kling 1.0',
    operations: ['generate', 'image_to_image', 'expand'],
    aspect_ratios: ALL_RATIOS.filter((r) => r !== '21:9'),
    resolutions: ['1k'],
    n,
    parameters: ['negative_prompt', 'image_fidelity'],
  },
]
