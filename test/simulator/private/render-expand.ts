import type { PixelClip } from './bitmap-font'
import type { ExpandRequest } from './create-request'
import { drawLabel, type Box } from './draw-label'
import { paintGradient } from './paint-gradient'
import { averageColor, createRaster, type Raster } from './raster'
import { seedColors } from './seed-colors'

/**
 * An expand result: the input pasted unchanged at (round(left·W), round(up·H)) and the new border filled with a
 * gradient seeded by prompt + index, tinted toward the input's average colour. The index is written in the largest
 * border strip, never over the original. PNG and JPEG inputs alike are decoded, so the original always shows.
 */
export function renderExpand(request: ExpandRequest, index: number, width: number, height: number): Raster {
  const raster = createRaster(width, height)
  const source = request.image
  const ox = Math.round(request.left * source.width)
  const oy = Math.round(request.up * source.height)
  const inside: PixelClip = (x, y) => x >= ox && x < ox + source.width && y >= oy && y < oy + source.height
  const outside: PixelClip = (x, y) => !inside(x, y)
  paintGradient(raster, seedColors(`${request.prompt ?? ''}#${index}`, 4), averageColor(source.raster), 0.35, outside)
  paste(raster, source.raster, ox, oy)
  const strips: Box[] = [
    { x: 0, y: 0, width, height: oy },
    { x: 0, y: oy + source.height, width, height: height - oy - source.height },
    { x: 0, y: oy, width: ox, height: source.height },
    { x: ox + source.width, y: oy, width: width - ox - source.width, height: source.height },
  ]
  const largest = strips.reduce((best, strip) => (area(strip) > area(best) ? strip : best))
  if (area(largest) > 0) drawLabel(raster, [{ text: `#${index}`, size: 1 }, { text: 'EXPAND', size: 0.4 }], largest, outside)
  return raster
}

function area(box: Box): number {
  return Math.max(0, box.width) * Math.max(0, box.height)
}

/** Copies `source` row by row at (ox, oy), clipped to the destination. */
function paste(target: Raster, source: Raster, ox: number, oy: number): void {
  const columns = Math.min(source.width, target.width - ox)
  for (let y = 0; y < source.height && oy + y < target.height; y++) {
    const from = y * source.width * 3
    target.data.set(source.data.subarray(from, from + columns * 3), ((oy + y) * target.width + ox) * 3)
  }
}
