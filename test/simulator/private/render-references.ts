import type { MultiImageRequest, OmniRequest } from './create-request'
import { drawLabel } from './draw-label'
import { paintGradient } from './paint-gradient'
import type { InputImage } from './parse-image-input'
import { averageColor, createRaster, type Raster, type Rgb } from './raster'
import { seedColors } from './seed-colors'

/**
 * A multi-image or omni result: a gradient seeded by prompt + index, pulled toward the mean colour of the
 * reference images (a style image, when given, weighs as much as all subjects together), labelled with the mode,
 * the index (`2/3` in a series) and model/size.
 */
export function renderReferences(request: MultiImageRequest | OmniRequest, index: number, width: number, height: number): Raster {
  const raster = createRaster(width, height)
  const references = request.endpoint === 'multi-image2image' ? [...request.subjects, ...(request.scene ? [request.scene] : [])] : request.images
  const style = request.endpoint === 'multi-image2image' ? request.style : null
  const tint = style ? mix(meanTint(references), averageColor(style.raster)) : meanTint(references)
  paintGradient(raster, seedColors(`${request.prompt ?? ''}#${index}`, 4), tint, 0.45)
  const series = request.endpoint === 'omni-image' && request.result_type === 'series'
  const headline = request.endpoint === 'multi-image2image' ? `MULTI ${request.subjects.length}` : series ? 'SERIES' : 'OMNI'
  drawLabel(
    raster,
    [
      { text: headline, size: 1 },
      { text: series ? `${index + 1}/${request.n}` : `#${index}`, size: 0.55 },
      { text: `${request.model_name} ${width}x${height}`, size: 0.16 },
    ],
    { x: 0, y: 0, width, height },
  )
  return raster
}

function meanTint(images: readonly InputImage[]): Rgb | null {
  if (!images.length) return null
  const colors = images.map((image) => averageColor(image.raster))
  return [0, 1, 2].map((k) => Math.round(colors.reduce((sum, c) => sum + c[k], 0) / colors.length)) as unknown as Rgb
}

function mix(a: Rgb | null, b: Rgb): Rgb {
  return a ? ([0, 1, 2].map((k) => Math.round((a[k] + b[k]) / 2)) as unknown as Rgb) : b
}
