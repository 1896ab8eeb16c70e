import { promisify } from 'node:util'
import { crc32, deflate } from 'node:zlib'
import type { Raster } from './raster'

const deflateAsync = promisify(deflate)
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/**
 * Encodes an RGB raster as an 8-bit truecolour PNG: filter 0 on every row, deflate level 1 by node:zlib (the
 * container is three chunks; the codec is zlib's). Not fast-png's encoder: it takes ~300 ms for a 1K image and
 * seconds for a 4K one on the event loop, which the simulator shares with the server under test and the benches. Level 1 keeps a
 * 1360x768 image in the tens of milliseconds; the files are bigger than a real encoder's, which is fine for a
 * simulator (and closer to Kling's multi-MB outputs anyway). Deflate runs on libuv's pool, off the event loop.
 */
export async function encodePngAsync(raster: Raster): Promise<Buffer> {
  const { width, height, data } = raster
  const stride = width * 3
  const filtered = Buffer.alloc(height * (stride + 1))
  for (let y = 0; y < height; y++) {
    // Byte 0 of each row stays 0 (filter type None).
    filtered.set(data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // colour type RGB
  // compression 0, filter method 0, interlace 0
  const compressed = await deflateAsync(filtered, { level: 1 })
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', compressed), chunk('IEND', Buffer.alloc(0))])
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'latin1')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}
