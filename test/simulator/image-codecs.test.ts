import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { encodePngAsync } from './private/encode-png'
import { decodeImage } from './private/image-codecs'
import { createRaster } from './private/raster'
import { readImageSize, sniffImageFormat } from './private/read-image-size'
import { buildJpegHeader } from './fixtures/build-jpeg-header'
import { buildPng, patternPixel } from './fixtures/build-png'
import { buildSolidJpeg } from './fixtures/build-solid-jpeg'
import { inspectPng } from './fixtures/read-png'

// The simulator decodes with libraries (fast-png, jpeg-js); these tests hold them to inputs written by independent
// encoders (fixtures/build-png.ts with node:zlib, fixtures/build-solid-jpeg.ts from ITU T.81).

const pixelAt = (data: Uint8Array, width: number, x: number, y: number) => Array.from(data.subarray((y * width + x) * 3, (y * width + x) * 3 + 3))
const decodePng = (bytes: Uint8Array) => decodeImage(bytes, 'png')

describe('PNG encoder', () => {
  it('writes a valid 8-bit RGB PNG that an independent reader inflates completely, and round-trips', async () => {
    const raster = createRaster(37, 23)
    raster.data.forEach((_, i) => (raster.data[i] = (i * 31) & 0xff))
    const png = await encodePngAsync(raster)
    expect(inspectPng(png)).toEqual({ width: 37, height: 23, bitDepth: 8, colorType: 2, inflatedBytes: 23 * (1 + 37 * 3) })
    expect(decodePng(png).data).toEqual(raster.data)
  })

  it('encodes 1360x768 well under 200 ms', async () => {
    const raster = createRaster(1360, 768)
    for (let i = 0; i < raster.data.length; i++) raster.data[i] = (i >> 5) & 0xff
    await encodePngAsync(raster) // warm up zlib
    const started = performance.now()
    await encodePngAsync(raster)
    expect(performance.now() - started).toBeLessThan(200)
  })
})

describe('PNG decoder', () => {
  it.each([0, 1, 2, 3, 4] as const)('undoes filter %i', (filter) => {
    const decoded = decodePng(buildPng(40, 30, patternPixel, { filter }))
    expect(pixelAt(decoded.data, 40, 39, 29)).toEqual([...patternPixel(39, 29)])
    expect(pixelAt(decoded.data, 40, 17, 5)).toEqual([...patternPixel(17, 5)])
  })

  it('reads grey, grey+alpha, RGBA (over white) and palette with tRNS', () => {
    expect(decodePng(buildPng(2, 1, (x) => [x * 200], { colorType: 0 })).data).toEqual(new Uint8Array([0, 0, 0, 200, 200, 200]))
    expect(decodePng(buildPng(1, 1, () => [0, 0], { colorType: 4 })).data).toEqual(new Uint8Array([255, 255, 255]))
    expect(decodePng(buildPng(1, 1, () => [100, 50, 0, 255], { colorType: 6 })).data).toEqual(new Uint8Array([100, 50, 0]))
    const palette = buildPng(2, 1, (x) => [x], {
      colorType: 3,
      palette: [[1, 2, 3], [4, 5, 6]],
      extraChunks: [{ type: 'tRNS', data: Buffer.from([0]) }],
    })
    expect(decodePng(palette).data).toEqual(new Uint8Array([255, 255, 255, 4, 5, 6]))
  })

  it('throws on a truncated PNG', () => {
    const png = buildPng(4, 4, patternPixel)
    expect(() => decodePng(png.subarray(0, 40))).toThrow()
  })

  it('reads 16-bit RGB by its high bytes', () => {
    const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 16, 2, 0, 0, 0])
    const raw = deflateSync(Buffer.from([0, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc]))
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', raw), pngChunk('IEND', Buffer.alloc(0))])
    expect(Array.from(decodePng(png).data)).toEqual([0x12, 0x56, 0x9a])
  })
})

describe('JPEG decoder', () => {
  it('decodes a JPEG written by an independent encoder to its size and colour', () => {
    const jpeg = buildSolidJpeg(333, 301, [200, 40, 90])
    const raster = decodeImage(jpeg, 'jpeg')
    expect([raster.width, raster.height]).toEqual([333, 301])
    for (const [x, y] of [[0, 0], [332, 300], [160, 150]]) {
      pixelAt(raster.data, 333, x, y).forEach((v, k) => expect(Math.abs(v - [200, 40, 90][k])).toBeLessThanOrEqual(3))
    }
  })

  it('throws on a JPEG that has a header but no image data', () => {
    expect(() => decodeImage(buildJpegHeader(400, 300), 'jpeg')).toThrow()
  })
})

describe('format sniffing and header sizes', () => {
  it('reads PNG IHDR and JPEG SOF sizes', () => {
    const png = buildPng(310, 420, patternPixel)
    expect(sniffImageFormat(png)).toBe('png')
    expect(readImageSize(png, 'png')).toEqual({ width: 310, height: 420 })
    const jpeg = buildJpegHeader(1920, 1080)
    expect(sniffImageFormat(jpeg)).toBe('jpeg')
    expect(readImageSize(jpeg, 'jpeg')).toEqual({ width: 1920, height: 1080 })
    expect(sniffImageFormat(Buffer.from('GIF89a'))).toBeNull()
  })
})

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'latin1')
  return Buffer.concat([head, data, Buffer.alloc(4)])
}
