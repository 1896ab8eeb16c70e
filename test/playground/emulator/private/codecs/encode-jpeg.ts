/** Encodes an RGB raster as a baseline JPEG (jpeg-js), quality 90. */
import { encode } from 'jpeg-js'
import type { Raster } from './raster'

export function encodeJpeg(raster: Raster, quality = 90): Uint8Array {
  const rgba = new Uint8Array(raster.width * raster.height * 4)
  for (let p = 0, q = 0; p < raster.data.length; p += 3, q += 4) {
    rgba[q] = raster.data[p]
    rgba[q + 1] = raster.data[p + 1]
    rgba[q + 2] = raster.data[p + 2]
    rgba[q + 3] = 255
  }
  const { data } = encode({ width: raster.width, height: raster.height, data: rgba }, quality)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
