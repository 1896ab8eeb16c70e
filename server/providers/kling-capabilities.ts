import { ASPECT_RATIOS, type Operation, type RequestAspectRatio } from '../../shared/api/enums'
import { LIMITS } from '../../shared/api/limits'
import type { ModelCapabilities, OperationCapabilities } from '../../shared/api/schemas'
import { modelCapabilities, type ModelEntry } from './model-capabilities'

/**
 * Kling's capability map (kling-upstream.md §2.1-2.5, §8) as data: which model does which operation, with which
 * ratios, resolutions, `n`, optional fields and series. Every request is checked against it before anything goes
 * upstream, the simulator enforces the same facts, and `GET /v1/capabilities` shows it to the panel.
 *
 * Kept conservative: where the upstream notes say UNCONFIRMED we offer less rather than let Kling answer 1201.
 */

const n = { min: LIMITS.n_min, max: LIMITS.n_max }
const RATIOS: RequestAspectRatio[] = [...ASPECT_RATIOS]
const none = { min: 0, max: 0 }
const one = { min: 1, max: 1 }

function op(rules: Partial<OperationCapabilities> & Pick<OperationCapabilities, 'resolutions'>): OperationCapabilities {
  return {
    aspect_ratios: RATIOS,
    default_aspect_ratio: '1:1',
    auto_needs_image: false,
    n,
    images: none,
    parameters: [],
    series: null,
    style_transfer: false,
    ...rules,
  }
}

/** Extend Image is model-independent (its own endpoint takes no model_name), so every generations model lists it. */
const expand = op({ aspect_ratios: [], default_aspect_ratio: null, resolutions: [], images: one })

/** `/v1/images/multi-image2image`: no `resolution` field there (kling-upstream.md §2.5). */
const multiReference = op({
  resolutions: [],
  images: { min: LIMITS.subject_images_min, max: LIMITS.subject_images_max },
  parameters: ['negative_prompt', 'scene_image', 'style_image'],
})

const omniImages = { min: 0, max: LIMITS.omni_images_max }

const ENTRIES: ModelEntry[] = [
  {
    id: 'kling-v3',
    label: 'Kling Image 3.0',
    description: 'Text to image or one reference image, sharpest detail, 1K or 2K.',
    by_operation: {
      generate: op({ resolutions: ['1k', '2k'], parameters: ['negative_prompt'] }),
      // image_reference is documented for kling-v1-5 only (§2.1); sending it elsewhere is a 1201.
      image_to_image: op({ resolutions: ['1k', '2k'], images: one }),
      expand,
    },
  },
  {
    id: 'kling-image-o1',
    label: 'Kling Omni O1',
    description: 'Omni: up to 10 reference images named in the prompt, 1K or 2K, auto ratio with images.',
    by_operation: {
      // §2.2: text-to-image takes a custom ratio only; `auto` needs a reference image.
      omni: op({
        aspect_ratios: [...RATIOS, 'auto'],
        default_aspect_ratio: 'auto',
        auto_needs_image: true,
        resolutions: ['1k', '2k'],
        images: omniImages,
        parameters: ['result_type'],
      }),
    },
  },
  {
    id: 'kling-v3-omni',
    label: 'Kling Omni 3.0',
    description: 'Omni with up to 10 reference images, plus 4K and storyboard series of 2 to 9 related images.',
    by_operation: {
      omni: op({
        aspect_ratios: [...RATIOS, 'auto'],
        default_aspect_ratio: 'auto',
        resolutions: ['1k', '2k', '4k'],
        images: omniImages,
        parameters: ['result_type', 'series_amount'],
        series: { min: LIMITS.series_amount_min, max: LIMITS.series_amount_max },
      }),
    },
  },
  {
    id: 'kling-v2-1',
    label: 'Kling 2.1',
    description: 'Text to image, one reference image, or up to 4 subjects combined into one scene.',
    by_operation: {
      // Its resolution range is not in Kling's map (§2.2, UNCONFIRMED): 1k only.
      generate: op({ resolutions: ['1k'], parameters: ['negative_prompt'] }),
      // Kling's own sample sends kling-v2-1 with a single reference image (§2.1).
      image_to_image: op({ resolutions: ['1k'], images: one }),
      multi_reference: multiReference,
      expand,
    },
  },
  {
    id: 'kling-v2',
    label: 'Kling 2.0',
    description: 'Text to image up to 2K, or up to 4 subjects combined with an optional scene and style image.',
    by_operation: {
      generate: op({ resolutions: ['1k', '2k'], parameters: ['negative_prompt'] }),
      // Its image-to-image modes are multi-image (multi_reference) and restyle (kling-v2-new); Kling documents no
      // single-reference call for it on /v1/images/generations, so image_to_image is not offered.
      multi_reference: multiReference,
      expand,
    },
  },
  {
    id: 'kling-v2-new',
    label: 'Kling Restyle',
    description: 'Style transfer: redraws an image in the style the prompt describes, at the image\'s own size.',
    by_operation: {
      // §2.2: restyle only, output = input resolution, resolution not settable; no ratio either.
      image_to_image: op({ aspect_ratios: [], default_aspect_ratio: null, resolutions: [], images: one, style_transfer: true }),
    },
  },
  {
    id: 'kling-v1-5',
    label: 'Kling 1.5',
    description: 'Image to image with a subject or face reference, and fidelity controls.',
    by_operation: {
      generate: op({ resolutions: ['1k'], parameters: ['negative_prompt'] }),
      // Kling requires image_reference with an image; the server sends `subject` when it is absent.
      image_to_image: op({ resolutions: ['1k'], images: one, parameters: ['image_reference', 'image_fidelity', 'human_fidelity'] }),
      expand,
    },
  },
  {
    id: 'kling-v1',
    label: 'Kling 1.0',
    description: 'The first Kling image model: 1K, no 21:9.',
    by_operation: {
      generate: op({ aspect_ratios: RATIOS.filter((r) => r !== '21:9'), resolutions: ['1k'], parameters: ['negative_prompt'] }),
      image_to_image: op({ aspect_ratios: RATIOS.filter((r) => r !== '21:9'), resolutions: ['1k'], images: one, parameters: ['image_fidelity'] }),
      expand,
    },
  },
]

export const KLING_MODELS: ModelCapabilities[] = ENTRIES.map(modelCapabilities)

/** The model used when a request names none; sent explicitly, as an omitted `model_name` silently means kling-v1. */
export const KLING_DEFAULT_MODELS: Record<Operation, string> = {
  generate: 'kling-v3',
  image_to_image: 'kling-v3',
  expand: 'kling-v3',
  multi_reference: 'kling-v2',
  omni: 'kling-image-o1',
}
