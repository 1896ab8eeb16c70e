/**
 * A procedural product shot (a rounded object with a highlight and a soft floor shadow on a studio backdrop), so
 * the compose scenario has "products" that read as such in screenshots. Smooth on purpose: it compresses well.
 */
import { createRaster, type Raster, type Rgb } from './raster'

export interface ProductLook {
  backdrop: Rgb
  body: Rgb
  /** Width over height of the object: a tall bottle or a wide shoe box. */
  shape: number
}

export const PRODUCTS = {
  bottle: { backdrop: [236, 230, 222], body: [46, 110, 92], shape: 0.42 },
  sneaker: { backdrop: [226, 232, 240], body: [222, 84, 60], shape: 1.7 },
  lamp: { backdrop: [240, 236, 228], body: [232, 176, 52], shape: 0.8 },
} satisfies Record<string, ProductLook>

export function paintProduct(width: number, height: number, look: ProductLook): Raster {
  const raster = createRaster(width, height)
  const { data } = raster
  const cx = width / 2
  const floor = height * 0.78
  const bodyH = Math.min(height * 0.56, (width * 0.7) / look.shape)
  const bodyW = bodyH * look.shape
  const top = floor - bodyH
  const radius = Math.min(bodyW, bodyH) * 0.35
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Backdrop: a sweep that darkens towards the floor and the corners.
      const vignette = Math.hypot((x - cx) / width, (y - height * 0.45) / height)
      let color = mix(look.backdrop, [0, 0, 0], Math.min(0.35, vignette * 0.45) + (y > floor ? 0.06 : 0))
      // Floor shadow: an ellipse under the object.
      const sx = (x - cx) / (bodyW * 0.62)
      const sy = (y - floor) / (bodyH * 0.07 + 4)
      const shadow = sx * sx + sy * sy
      if (shadow < 1) color = mix(color, [0, 0, 0], (1 - shadow) * 0.35)
      // The object: a rounded rectangle with a vertical highlight.
      const dx = Math.max(Math.abs(x - cx) - (bodyW / 2 - radius), 0)
      const dy = Math.max(Math.abs(y - (top + bodyH / 2)) - (bodyH / 2 - radius), 0)
      if (Math.hypot(dx, dy) <= radius) {
        const u = (x - (cx - bodyW / 2)) / bodyW
        const light = Math.exp(-(((u - 0.3) / 0.12) ** 2)) * 0.55
        const shade = Math.max(0, u - 0.55) * 0.6
        color = mix(mix(look.body, [255, 255, 255], light), [0, 0, 0], shade)
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
