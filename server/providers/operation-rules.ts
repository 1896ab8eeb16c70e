import { ASPECT_RATIOS, type RequestAspectRatio } from '../../shared/api/enums'
import { LIMITS } from '../../shared/api/limits'
import type { OperationCapabilities } from '../../shared/api/schemas'

/** Kling's eight ratios, as the sellers' capability maps list them. */
export const SELLER_RATIOS: RequestAspectRatio[] = [...ASPECT_RATIOS]

/** One input image (`image`). */
export const ONE_IMAGE = { min: 1, max: 1 }

/** A seller's rules for one operation, from the usual defaults (eight ratios, `1:1`, n 1 to 9, no images). */
export function operationRules(rules: Partial<OperationCapabilities> & Pick<OperationCapabilities, 'resolutions'>): OperationCapabilities {
  return {
    aspect_ratios: SELLER_RATIOS,
    default_aspect_ratio: '1:1',
    auto_needs_image: false,
    n: { min: LIMITS.n_min, max: LIMITS.n_max },
    images: { min: 0, max: 0 },
    parameters: [],
    series: null,
    style_transfer: false,
    ...rules,
  }
}
