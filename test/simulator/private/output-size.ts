import { nearestAspectRatio } from '../../../shared/geometry/aspect-ratio'
import { klingPixelSize } from '../../../shared/kling/pixel-sizes'
import type { CreateRequest } from './create-request'
import { MODEL_CAPABILITIES } from './model-capabilities'

/**
 * Pixel size of every image a task produces. Generations, multi-image and omni use the §8 table (16:9 1k =
 * 1360x768, 4k = 5440x3072); restyle models keep the input's size. Omni's `auto` picks the Kling ratio nearest to
 * the first reference image (1:1 without one). Expand grows the input by its ratios: width·(1+left+right) by
 * height·(1+up+down), rounded (the output size of expand is UNCONFIRMED upstream; this is the natural reading of
 * "multiple of the original").
 */
export function outputSize(request: CreateRequest): { width: number; height: number } {
  switch (request.endpoint) {
    case 'expand': {
      const { image, up, down, left, right } = request
      return { width: Math.round(image.width * (1 + left + right)), height: Math.round(image.height * (1 + up + down)) }
    }
    case 'multi-image2image':
      // Kling publishes no sizes for kling-v2 / v2-1 (UNCONFIRMED); the 1K table is the closest documented one.
      return klingPixelSize(request.aspect_ratio, '1k')
    case 'omni-image': {
      const first = request.images[0]
      const ratio = request.aspect_ratio !== 'auto' ? request.aspect_ratio : first ? nearestAspectRatio(first.width, first.height).ratio : '1:1'
      return klingPixelSize(ratio, request.resolution)
    }
    case 'generations':
      if (request.image && MODEL_CAPABILITIES[request.model_name].outputIsInputSize) {
        return { width: request.image.width, height: request.image.height }
      }
      return klingPixelSize(request.aspect_ratio, request.resolution)
  }
}
