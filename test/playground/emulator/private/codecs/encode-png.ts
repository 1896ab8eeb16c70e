/** Encodes an RGB raster as a PNG (8-bit truecolour, per-row None/Sub/Up filter chosen by the usual heuristic). */
import { crc32 } from './checksums'
import type { Raster } from './raster'
import { zlibDeflate } from './zlib-deflate'

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

export function encodePng(raster: Raster): Uint8Array {
  const { width, height, data } = raster
  const stride = width * 3
  const filtered = new Uint8Array((stride + 1) * height)
  const candidates = [new Uint8Array(stride), new Uint8Array(stride), new Uint8Array(stride)]
  for (let y = 0; y < height; y++) {
    const row = y * stride
    let bestType = 0
    let bestScore = Infinity
    for (let type = 0; type < 3; type++) {
      const out = candidates[type]
      let score = 0
      for (let x = 0; x < stride; x++) {
        const raw = data[row + x]
        const predictor = type === 1 ? (x >= 3 ? data[row + x - 3] : 0) : type === 2 ? (y > 0 ? data[row - stride + x] : 0) : 0
        const v = (raw - predictor) & 0xff
        out[x] = v
        score += v < 128 ? v : 256 - v
      }
      if (score < bestScore) {
        bestScore = score
        bestType = type
      }
    }
    const at = y * (stride + 1)
    filtered[at] = bestType
    filtered.set(candidates[bestType], at + 1)
  }

  const ihdr = new Uint8Array(13)
  const view = new DataView(ihdr.buffer)
  view.setUint32(0, width)
  view.setUint32(4, height)
  ihdr.set([8, 2, 0, 0, 0], 8) // bit depth 8, colour type 2 (RGB), deflate, adaptive filtering, no interlace
  const chunks = [chunk('IHDR', ihdr), chunk('IDAT', zlibDeflate(filtered)), chunk('IEND', new Uint8Array(0))]
  const out = new Uint8Array(8 + chunks.reduce((n, c) => n + c.length, 0))
  out.set(SIGNATURE)
  let offset = 8
  for (const c of chunks) {
    out.set(c, offset)
    offset += c.length
  }
  return out
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 12)
  const view = new DataView(out.buffer)
  view.setUint32(0, body.length)
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i)
  out.set(body, 8)
  view.setUint32(8 + body.length, crc32(out, 4, 8 + body.length))
  return out
}
