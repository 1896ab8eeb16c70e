/**
 * A style swatch: bold diagonal colour bands with a soft brush-like ripple, the kind of reference a designer
 * drops in to say "in this style". Deterministic, and smooth enough to compress well.
 */
import { createRaster, type Raster, type Rgb } from './raster'

export const SWATCH_COLORS: readonly Rgb[] = [
  [244, 96, 54],
  [250, 199, 72],
  [70, 160, 140],
  [36, 64, 110],
  [238, 226, 208],
]

export function paintSwatch(width: number, height: number, colors: readonly Rgb[] = SWATCH_COLORS): Raster {
  const raster = createRaster(width, height)
  const { data } = raster
  const band = Math.max(width, height) / 7
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ripple = Math.sin(y / 23) * band * 0.18 + Math.sin(x / 41) * band * 0.12
      const position = (x + y + ripple) / band
      const index = Math.floor(position)
      const color = colors[((index % colors.length) + colors.length) % colors.length]
      // A thin darker edge between bands, like paint overlapping.
      const edge = position - index < 0.06 ? 0.18 : 0
      const i = (y * width + x) * 3
      data[i] = Math.round(color[0] * (1 - edge))
      data[i + 1] = Math.round(color[1] * (1 - edge))
      data[i + 2] = Math.round(color[2] * (1 - edge))
    }
  }
  return raster
}
