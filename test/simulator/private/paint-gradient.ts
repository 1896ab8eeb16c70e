import type { PixelClip } from './bitmap-font'
import type { Raster, Rgb } from './raster'

/**
 * Fills the raster with a bilinear gradient between four corner colours (top-left, top-right, bottom-left,
 * bottom-right), optionally mixed `tintAmount` of the way toward `tint` (image-to-image results take the input's
 * average colour). Pixels rejected by `clip` are left untouched.
 */
export function paintGradient(raster: Raster, corners: readonly Rgb[], tint: Rgb | null, tintAmount: number, clip?: PixelClip): void {
  const [tl, tr, bl, br] = corners
  const { width, height, data } = raster
  const keep = tint ? 1 - tintAmount : 1
  const add = tint ? tint.map((v) => v * tintAmount) : [0, 0, 0]
  const left = [0, 0, 0]
  const right = [0, 0, 0]
  for (let y = 0; y < height; y++) {
    const v = height > 1 ? y / (height - 1) : 0
    for (let k = 0; k < 3; k++) {
      left[k] = tl[k] + (bl[k] - tl[k]) * v
      right[k] = tr[k] + (br[k] - tr[k]) * v
    }
    const row = y * width * 3
    for (let x = 0; x < width; x++) {
      if (clip && !clip(x, y)) continue
      const u = width > 1 ? x / (width - 1) : 0
      const i = row + x * 3
      data[i] = (left[0] + (right[0] - left[0]) * u) * keep + add[0]
      data[i + 1] = (left[1] + (right[1] - left[1]) * u) * keep + add[1]
      data[i + 2] = (left[2] + (right[2] - left[2]) * u) * keep + add[2]
    }
  }
}
