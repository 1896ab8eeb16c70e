/** An 8-bit RGB image in row-major order: what scenarios draw and what the default renderer fills. */
export interface Raster {
  width: number
  height: number
  /** width * height * 3 bytes. */
  data: Uint8Array
}

export type Rgb = readonly [number, number, number]

export function createRaster(width: number, height: number, fill: Rgb = [0, 0, 0]): Raster {
  const data = new Uint8Array(width * height * 3)
  if (fill[0] || fill[1] || fill[2]) {
    for (let i = 0; i < data.length; i += 3) {
      data[i] = fill[0]
      data[i + 1] = fill[1]
      data[i + 2] = fill[2]
    }
  }
  return { width, height, data }
}
