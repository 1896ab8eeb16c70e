import { describe, expect, it } from 'vitest'
import { createFigmaEmulator, MAX_IMAGE_SIDE } from '../../playground/emulator'

/** Just enough of each format's header for Figma's checks (the emulator, like Figma, sniffs the bytes). */
function png(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33)
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
  new DataView(bytes.buffer).setUint32(16, width)
  new DataView(bytes.buffer).setUint32(20, height)
  return bytes
}
function jpeg(width: number, height: number): Uint8Array {
  return Uint8Array.from([0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, height >> 8, height & 255, width >> 8, width & 255, 3, 0, 0, 0, 0, 0, 0, 0, 0])
}
function gif(width: number, height: number): Uint8Array {
  return Uint8Array.from([...'GIF89a'].map((c) => c.charCodeAt(0)).concat([width & 255, width >> 8, height & 255, height >> 8, 0, 0, 0]))
}
const webp = Uint8Array.from([...'RIFF\0\0\0\0WEBPVP8 '].map((c) => c.charCodeAt(0)).concat(new Array(20).fill(0)))

describe('figma.createImage', () => {
  it.each([
    ['PNG', png(1360, 768)],
    ['JPEG', jpeg(800, 600)],
    ['GIF', gif(64, 64)],
    ['PNG at the 4096 px limit', png(MAX_IMAGE_SIDE, 10)],
  ])('accepts %s and reports its size', async (_name, bytes) => {
    const { figma } = createFigmaEmulator()
    const image = figma.createImage(bytes)
    expect(image.hash).toMatch(/^[0-9a-f]{40}$/)
    expect(await image.getBytesAsync()).toEqual(bytes)
    const size = await image.getSizeAsync()
    expect(size.width).toBeGreaterThan(0)
    expect(figma.getImageByHash(image.hash)?.hash).toBe(image.hash)
  })

  it.each([
    ['WebP', webp, 'Image type is unsupported'],
    ['random bytes', Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), 'Image type is unsupported'],
    ['a PNG 4097 px wide', png(MAX_IMAGE_SIDE + 1, 100), 'Image is too large'],
    ['a JPEG 5000 px tall', jpeg(1000, 5000), 'Image is too large'],
    ['a PNG of zero width', png(0, 100), 'Image is too small'],
    ['a truncated PNG', png(10, 10).subarray(0, 12), 'Image is too small'],
  ])('rejects %s with Figma\'s message', (_name, bytes, message) => {
    const { figma } = createFigmaEmulator()
    expect(() => figma.createImage(bytes)).toThrow(message)
  })

  it('refuses non-bytes', () => {
    const { figma } = createFigmaEmulator()
    expect(() => figma.createImage([1, 2, 3] as unknown as Uint8Array)).toThrow(/Uint8Array/)
  })

  it('gives the same bytes the same hash, and unknown hashes no image', () => {
    const { figma } = createFigmaEmulator()
    expect(figma.createImage(png(10, 10)).hash).toBe(figma.createImage(png(10, 10)).hash)
    expect(figma.createImage(png(10, 10)).hash).not.toBe(figma.createImage(png(10, 11)).hash)
    expect(figma.getImageByHash('0'.repeat(40))).toBeNull()
  })
})
