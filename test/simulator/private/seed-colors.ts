import { mulberry32 } from './mulberry32'
import type { Rgb } from './raster'

/**
 * `count` vivid colours derived deterministically from `text` (FNV-1a hash → mulberry32), so the same prompt and
 * index always render the same picture and different ones are told apart at a glance.
 */
export function seedColors(text: string, count: number): Rgb[] {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  const random = mulberry32(hash)
  const colors: Rgb[] = []
  const baseHue = random() * 360
  for (let i = 0; i < count; i++) {
    // Spread hues around the wheel so corners differ; fixed-ish saturation/value keeps them pleasant.
    const hue = (baseHue + i * (360 / count) + random() * 40) % 360
    colors.push(hsvToRgb(hue, 0.55 + random() * 0.35, 0.6 + random() * 0.35))
  }
  return colors
}

function hsvToRgb(hue: number, saturation: number, value: number): Rgb {
  const c = value * saturation
  const x = c * (1 - Math.abs(((hue / 60) % 2) - 1))
  const m = value - c
  const [r, g, b] = hue < 60 ? [c, x, 0] : hue < 120 ? [x, c, 0] : hue < 180 ? [0, c, x] : hue < 240 ? [0, x, c] : hue < 300 ? [x, 0, c] : [c, 0, x]
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)]
}
