import { inflateSync } from 'node:zlib'
import { createRaster, type Raster } from './raster'

/** Inputs larger than this many pixels are not decoded (a 10 MB PNG can inflate to gigabytes). */
const MAX_DECODED_PIXELS = 40_000_000

const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }

/**
 * Decodes a PNG to RGB, compositing any alpha over white. Handles colour types 0, 2, 3, 4, 6 at 8 bits
 * (and 16 bits, keeping the high byte), non-interlaced. Returns null for a valid PNG this decoder does not cover
 * (interlaced, 1/2/4-bit, huge); callers then draw a placeholder. Throws on a corrupt file.
 */
export function decodePng(bytes: Uint8Array): Raster | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let offset = 8
  let ihdr: Buffer | null = null
  let palette: Buffer | null = null
  let transparency: Buffer | null = null
  const idat: Buffer[] = []
  while (offset + 8 <= buf.length) {
    const length = buf.readUInt32BE(offset)
    const type = buf.toString('latin1', offset + 4, offset + 8)
    const end = offset + 8 + length
    if (end + 4 > buf.length) throw new Error(`truncated ${type} chunk`)
    const data = buf.subarray(offset + 8, end)
    if (type === 'IHDR') ihdr = data
    else if (type === 'PLTE') palette = data
    else if (type === 'tRNS') transparency = data
    else if (type === 'IDAT') idat.push(data)
    else if (type === 'IEND') break
    offset = end + 4
  }
  if (!ihdr || ihdr.length < 13) throw new Error('missing IHDR')
  const width = ihdr.readUInt32BE(0)
  const height = ihdr.readUInt32BE(4)
  const depth = ihdr[8]
  const colorType = ihdr[9]
  const interlace = ihdr[12]
  const channels = CHANNELS[colorType]
  if (channels === undefined) throw new Error(`invalid colour type ${colorType}`)
  if (colorType === 3 && !palette) throw new Error('palette image without PLTE')
  if (idat.length === 0) throw new Error('no IDAT')
  if (interlace !== 0 || (depth !== 8 && depth !== 16) || (colorType === 3 && depth !== 8)) return null
  if (width * height > MAX_DECODED_PIXELS) return null

  const bpp = (channels * depth) / 8
  const stride = width * bpp
  const inflated = inflateSync(Buffer.concat(idat))
  if (inflated.length < height * (stride + 1)) throw new Error('image data too short')
  const pixels = unfilter(inflated, height, stride, bpp)
  return toRgb(pixels, width, height, depth, colorType, palette, transparency)
}

/** Reverses the per-row filters (None, Sub, Up, Average, Paeth) into a tightly packed buffer. */
function unfilter(data: Buffer, height: number, stride: number, bpp: number): Uint8Array {
  const out = new Uint8Array(height * stride)
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)]
    const src = y * (stride + 1) + 1
    const row = y * stride
    const prev = row - stride
    for (let x = 0; x < stride; x++) {
      const raw = data[src + x]
      const a = x >= bpp ? out[row + x - bpp] : 0
      const b = y > 0 ? out[prev + x] : 0
      const c = x >= bpp && y > 0 ? out[prev + x - bpp] : 0
      let value: number
      switch (filter) {
        case 0: value = raw; break
        case 1: value = raw + a; break
        case 2: value = raw + b; break
        case 3: value = raw + ((a + b) >> 1); break
        case 4: value = raw + paeth(a, b, c); break
        default: throw new Error(`invalid filter type ${filter}`)
      }
      out[row + x] = value & 0xff
    }
  }
  return out
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

function toRgb(
  pixels: Uint8Array,
  width: number,
  height: number,
  depth: number,
  colorType: number,
  palette: Buffer | null,
  transparency: Buffer | null,
): Raster {
  const raster = createRaster(width, height)
  const channels = CHANNELS[colorType]
  const sampleBytes = depth / 8
  // Sample k of pixel i (high byte for 16-bit), and the 16-bit value for tRNS colour-key matching.
  const sample = (i: number, k: number) => pixels[(i * channels + k) * sampleBytes]
  const sample16 = (i: number, k: number) => {
    const at = (i * channels + k) * sampleBytes
    return sampleBytes === 2 ? (pixels[at] << 8) | pixels[at + 1] : pixels[at]
  }
  const out = raster.data
  for (let i = 0; i < width * height; i++) {
    let r: number
    let g: number
    let b: number
    let alpha = 255
    if (colorType === 3 && palette) {
      const index = pixels[i]
      r = palette[index * 3] ?? 0
      g = palette[index * 3 + 1] ?? 0
      b = palette[index * 3 + 2] ?? 0
      if (transparency && index < transparency.length) alpha = transparency[index]
    } else if (colorType === 0 || colorType === 4) {
      r = g = b = sample(i, 0)
      if (colorType === 4) alpha = sample(i, 1)
      else if (transparency && transparency.length >= 2 && sample16(i, 0) === transparency.readUInt16BE(0)) alpha = 0
    } else {
      r = sample(i, 0)
      g = sample(i, 1)
      b = sample(i, 2)
      if (colorType === 6) alpha = sample(i, 3)
      else if (
        transparency &&
        transparency.length >= 6 &&
        sample16(i, 0) === transparency.readUInt16BE(0) &&
        sample16(i, 1) === transparency.readUInt16BE(2) &&
        sample16(i, 2) === transparency.readUInt16BE(4)
      ) {
        alpha = 0
      }
    }
    if (alpha !== 255) {
      // Composite over white, like most viewers show a transparent input.
      r = Math.round((r * alpha + 255 * (255 - alpha)) / 255)
      g = Math.round((g * alpha + 255 * (255 - alpha)) / 255)
      b = Math.round((b * alpha + 255 * (255 - alpha)) / 255)
    }
    out[i * 3] = r
    out[i * 3 + 1] = g
    out[i * 3 + 2] = b
  }
  return raster
}
