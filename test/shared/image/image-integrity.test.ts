import { describe, expect, it } from 'vitest'
import { imageIntegrityIssue, imageTailIsWhole } from '../../../shared/image/image-integrity'
import { buildPng } from '../../simulator/fixtures/build-png'

const png = new Uint8Array(buildPng(40, 30, (x, y) => [x * 6, y * 8, 128]))

/** A structurally whole baseline JPEG: SOI, quantisation table, frame header, Huffman table, scan, EOI. */
const DQT = [0xff, 0xdb, 0x00, 0x43, 0x00, ...Array.from({ length: 64 }, () => 1)]
const DHT = [0xff, 0xc4, 0x00, 0x14, 0x00, 1, ...Array.from({ length: 15 }, () => 0), 0]
const jpeg = new Uint8Array([
  0xff, 0xd8,
  ...DQT,
  0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x1e, 0x00, 0x28, 0x01, 0x01, 0x11, 0x00,
  ...DHT,
  0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00,
  0x12, 0x34, 0x56,
  0xff, 0xd9,
])

describe('imageIntegrityIssue', () => {
  it('accepts whole PNG and JPEG files', () => {
    expect(imageIntegrityIssue(png, 'png')).toBeNull()
    expect(imageIntegrityIssue(jpeg, 'jpeg')).toBeNull()
    expect(imageIntegrityIssue(new Uint8Array([...jpeg, 0, 0]), 'jpeg')).toBeNull()
  })

  it('finds a PNG cut anywhere after its header', () => {
    for (const keep of [33, 40, png.length - 12, png.length - 1]) {
      expect(imageIntegrityIssue(png.slice(0, keep), 'png'), `kept ${keep}`).toMatch(/cut off/)
    }
  })

  it('finds any damaged byte of a PNG by its chunk checksum', () => {
    for (let at = 8; at < png.length; at += 7) {
      const copy = png.slice()
      copy[at] ^= 0x5a
      expect(imageIntegrityIssue(copy, 'png'), `byte ${at}`).not.toBeNull()
    }
  })

  it('requires IHDR first, image data, and a non-zero size', () => {
    const zeroWidth = png.slice()
    new DataView(zeroWidth.buffer).setUint32(16, 0)
    expect(imageIntegrityIssue(zeroWidth, 'png')).toMatch(/checksum|zero width/)
  })

  it('finds a JPEG without scan data, without a frame header, or cut before its end marker', () => {
    const sof = 2 + DQT.length
    const sos = sof + 13 + DHT.length
    expect(imageIntegrityIssue(jpeg.slice(0, sof + 6), 'jpeg')).toMatch(/cut off/)
    expect(imageIntegrityIssue(jpeg.slice(0, jpeg.length - 2), 'jpeg')).toMatch(/end-of-image/)
    expect(imageIntegrityIssue(new Uint8Array([0xff, 0xd8, ...DQT, ...DHT, ...jpeg.slice(sos)]), 'jpeg')).toMatch(/no frame header/)
    expect(imageIntegrityIssue(new Uint8Array([...jpeg.slice(0, sof + 13), ...jpeg.slice(sos)]), 'jpeg')).toMatch(/decoding tables/)
    expect(imageIntegrityIssue(new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0, 0, 0, 0, 1, 1, 0x11, 0, 0, 0, 0, 0, 0]), 'jpeg')).toMatch(/damaged segment/)
  })
})

describe('imageTailIsWhole', () => {
  it('accepts the proper endings and refuses a file cut short', () => {
    expect(imageTailIsWhole(png.slice(-16), 'png')).toBe(true)
    expect(imageTailIsWhole(png.slice(0, png.length - 3).slice(-16), 'png')).toBe(false)
    expect(imageTailIsWhole(jpeg.slice(-16), 'jpeg')).toBe(true)
    expect(imageTailIsWhole(jpeg.slice(-17, -1), 'jpeg')).toBe(false)
    expect(imageTailIsWhole(new Uint8Array([1, 2, 0x3b]), 'gif')).toBe(true)
    expect(imageTailIsWhole(new Uint8Array([1, 2, 3]), 'gif')).toBe(false)
  })
})
