import type { GenerationRequest } from './create-request'
import { drawLabel } from './draw-label'
import { MODEL_CAPABILITIES } from './model-capabilities'
import { paintGradient } from './paint-gradient'
import { averageColor, createRaster, type Raster } from './raster'
import { seedColors } from './seed-colors'

/**
 * A generations result: a gradient seeded by prompt + index (image-to-image results pulled toward the input's
 * average colour), with the aspect ratio large in the middle, the index below it and model/size underneath.
 */
export function renderGeneration(request: GenerationRequest, index: number, width: number, height: number): Raster {
  const raster = createRaster(width, height)
  const tint = request.image ? averageColor(request.image.raster) : null
  paintGradient(raster, seedColors(`${request.prompt}#${index}`, 4), tint, 0.45)
  // Restyle keeps the input's size, so the requested aspect ratio would be misleading there.
  const headline = request.image && MODEL_CAPABILITIES[request.model_name].outputIsInputSize ? 'RESTYLE' : request.aspect_ratio
  const mode = request.image ? 'I2I' : 'T2I'
  drawLabel(
    raster,
    [
      { text: headline, size: 1 },
      { text: `#${index}`, size: 0.55 },
      { text: `${request.model_name} ${mode} ${width}x${height}`, size: 0.16 },
    ],
    { x: 0, y: 0, width, height },
  )
  return raster
}
