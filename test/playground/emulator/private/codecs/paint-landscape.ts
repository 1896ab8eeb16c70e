/**
 * A procedural landscape (sky gradient, sun with glow, layered hills) so scenario images look like photos in
 * screenshots and give the Kling simulator something to tint and expand. Smooth on purpose: it compresses well.
 */
import { createRaster, type Raster, type Rgb } from './raster'

export interface LandscapePalette {
  skyTop: Rgb
  skyHorizon: Rgb
  sun: Rgb
  /** Far to near. */
  hills: readonly Rgb[]
}

export const PALETTES = {
  dawn: { skyTop: [58, 82, 148], skyHorizon: [247, 186, 146], sun: [255, 236, 196], hills: [[150, 120, 160], [96, 84, 130], [52, 56, 92]] },
  lagoon: { skyTop: [40, 120, 190], skyHorizon: [190, 226, 236], sun: [255, 250, 230], hills: [[92, 160, 150], [46, 124, 110], [24, 84, 80]] },
} satisfies Record<string, LandscapePalette>

export function paintLandscape(width: number, height: number, palette: LandscapePalette): Raster {
  const raster = createRaster(width, height)
  const { data } = raster
  const sunX = width * 0.68
  const sunY = height * 0.42
  const sunR = Math.min(width, height) * 0.07
  const ridges = palette.hills.map((_, layer) => {
    const base = height * (0.55 + layer * 0.12)
    const amplitude = height * (0.09 - layer * 0.02)
    const phase = layer * 1.7
    return (x: number) => {
      const t = x / width
      return base - amplitude * (Math.sin(t * 5.1 + phase) * 0.6 + Math.sin(t * 11.3 + phase * 2) * 0.25 + Math.sin(t * 2.3 + phase) * 0.4)
    }
  })
  for (let x = 0; x < width; x++) {
    const ridgeY = ridges.map((ridge) => ridge(x))
    for (let y = 0; y < height; y++) {
      let color: Rgb
      let layer = -1
      for (let l = ridgeY.length - 1; l >= 0; l--) {
        if (y >= ridgeY[l]) {
          layer = l
          break
        }
      }
      if (layer >= 0) {
        const depth = Math.min(1, (y - ridgeY[layer]) / (height * 0.5))
        color = mix(palette.hills[layer], [0, 0, 0], depth * 0.35)
        const haze = (palette.hills.length - 1 - layer) * 0.12
        color = mix(color, palette.skyHorizon, haze)
      } else {
        const t = Math.min(1, y / (height * 0.62))
        color = mix(palette.skyTop, palette.skyHorizon, t * t * (3 - 2 * t))
        const d = Math.hypot(x - sunX, y - sunY)
        const glow = d < sunR ? 1 : Math.exp(-(d - sunR) / (sunR * 2.2)) * 0.55
        color = mix(color, palette.sun, glow)
      }
      const i = (y * width + x) * 3
      data[i] = color[0]
      data[i + 1] = color[1]
      data[i + 2] = color[2]
    }
  }
  return raster
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t)]
}
