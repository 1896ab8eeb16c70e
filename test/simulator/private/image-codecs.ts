import { convertIndexedToRgb, decode as decodePngFile } from 'fast-png'
import { decode as decodeJpegFile } from 'jpeg-js'
import type { Raster } from './raster'
import type { ImageFormat } from './read-image-size'

/** Largest input the JPEG decoder may allocate for (a 10 MB JPEG can hold far more pixels than a PNG). */
const JPEG_MAX_MEGAPIXELS = 100
const JPEG_MAX_MEMORY_MB = 1024

/**
 * Decodes a PNG (fast-png: every bit depth, colour type and interlace) or baseline/progressive JPEG (jpeg-js) into
 * an 8-bit RGB raster; transparency is composited over white, as a flattening viewer would show it. Throws when the
 * file is damaged.
 */
export function decodeImage(bytes: Uint8Array, format: ImageFormat): Raster {
  if (format === 'jpeg') {
    const jpeg = decodeJpegFile(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: JPEG_MAX_MEGAPIXELS,
      maxMemoryUsageInMB: JPEG_MAX_MEMORY_MB,
    })
    return { width: jpeg.width, height: jpeg.height, data: jpeg.data }
  }
  const png = decodePngFile(bytes)
  const { width, height } = png
  let samples: ArrayLike<number>
  let channels: number
  let max: number
  if (png.palette) {
    samples = convertIndexedToRgb(png)
    channels = png.palette.some((entry) => entry.length === 4) ? 4 : 3
    max = 255
  } else {
    channels = png.channels
    max = 2 ** png.depth - 1
    samples = png.depth < 8 ? unpackBits(png.data as Uint8Array, width, height, channels, png.depth) : png.data
  }
  const out = new Uint8Array(width * height * 3)
  const scale = 255 / max
  for (let p = 0; p < width * height; p++) {
    const at = p * channels
    const grey = channels < 3
    const alpha = channels === 2 || channels === 4 ? samples[at + channels - 1] / max : 1
    for (let k = 0; k < 3; k++) {
      const value = samples[at + (grey ? 0 : k)] * scale
      out[p * 3 + k] = Math.round(value * alpha + 255 * (1 - alpha))
    }
  }
  return { width, height, data: out }
}

/** Grey PNGs of 1, 2 or 4 bits come packed, each row starting on a byte boundary. */
function unpackBits(data: Uint8Array, width: number, height: number, channels: number, depth: number): Uint8Array {
  const out = new Uint8Array(width * height * channels)
  const rowBytes = Math.ceil((width * channels * depth) / 8)
  const mask = (1 << depth) - 1
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < width * channels; i++) {
      const bit = i * depth
      out[y * width * channels + i] = (data[y * rowBytes + (bit >> 3)] >> (8 - depth - (bit & 7))) & mask
    }
  }
  return out
}
