import { describe, expect, it } from 'vitest'
import { imageInfo } from '../../shared/image/image-info'
import { jpegBytes, pngBase64Async } from './helpers'

const bytes = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))

describe('imageInfo', () => {
  it('reads PNG and JPEG sizes', async () => {
    expect(imageInfo(bytes(await pngBase64Async(321, 300)))).toEqual({ format: 'png', content_type: 'image/png', width: 321, height: 300 })
    expect(imageInfo(jpegBytes(1360, 768))).toEqual({ format: 'jpeg', content_type: 'image/jpeg', width: 1360, height: 768 })
  })

  it('reads GIF and the three WebP flavours', () => {
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x10, 0x02, 0x20, 0x01])
    expect(imageInfo(gif)).toMatchObject({ format: 'gif', width: 528, height: 288 })
    const riff = (chunk: string, body: number[]) => new Uint8Array([...'RIFF'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 0], [...`WEBP${chunk}`].map((c) => c.charCodeAt(0)), [0, 0, 0, 0], body))
    expect(imageInfo(riff('VP8X', [0, 0, 0, 0, 0x3f, 0x01, 0x00, 0xc7, 0x00, 0x00]))).toMatchObject({ format: 'webp', width: 320, height: 200 })
    expect(imageInfo(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xc8, 0x00]))).toMatchObject({ format: 'webp', width: 320, height: 200 })
    const w = 319, h = 199, bits = w | (h << 14)
    expect(imageInfo(riff('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >> 24) & 0xff]))).toMatchObject({ format: 'webp', width: 320, height: 200 })
  })

  it('answers null for other bytes and truncated headers', () => {
    expect(imageInfo(new Uint8Array([1, 2, 3, 4]))).toBeNull()
    expect(imageInfo(jpegBytes(400, 400).subarray(0, 22))).toBeNull()
    expect(imageInfo(new Uint8Array(0))).toBeNull()
  })
})
