import { klingPixelSize } from '../../../shared/kling/pixel-sizes'
import type { CreateRequest } from './create-request'
import { MODEL_CAPABILITIES } from './model-capabilities'

/**
 * Pixel size of every image a task produces. Generations use the §8 table (16:9 1k = 1360x768); restyle models
 * keep the input's size. Expand grows the input by its ratios: width·(1+left+right) by height·(1+up+down), rounded
 * (the output size of expand is UNCONFIRMED upstream; this is the natural reading of "multiple of the original").
 */
export function outputSize(request: CreateRequest): { width: number; height: number } {
  if (request.endpoint === 'expand') {
    const { image, up, down, left, right } = request
    return { width: Math.round(image.width * (1 + left + right)), height: Math.round(image.height * (1 + up + down)) }
  }
  if (request.image && MODEL_CAPABILITIES[request.model_name].outputIsInputSize) {
    return { width: request.image.width, height: request.image.height }
  }
  return klingPixelSize(request.aspect_ratio, request.resolution)
}
