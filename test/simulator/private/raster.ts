/** An 8-bit RGB image in row-major order: what the simulator draws into and what PNG inputs decode to. */
export interface Raster {
  width: number
  height: number
  /** width * height * 3 bytes. */
  data: Uint8Array
}

export type Rgb = readonly [number, number, number]

export function createRaster(width: number, height: number): Raster {
  return { width, height, data: new Uint8Array(width * height * 3) }
}

/** Mean colour over a sparse grid of about 10k samples (enough for a tint, and cheap on large inputs). */
export function averageColor(raster: Raster): Rgb {
  const step = Math.max(1, Math.floor(Math.sqrt((raster.width * raster.height) / 10_000)))
  let r = 0
  let g = 0
  let b = 0
  let count = 0
  for (let y = 0; y < raster.height; y += step) {
    for (let x = 0; x < raster.width; x += step) {
      const i = (y * raster.width + x) * 3
      r += raster.data[i]
      g += raster.data[i + 1]
      b += raster.data[i + 2]
      count++
    }
  }
  return [Math.round(r / count), Math.round(g / count), Math.round(b / count)]
}
