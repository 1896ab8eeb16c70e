import { describe, expect, test } from 'vitest'
import { imageInfo } from '../../../shared/image/image-info'
import { bytesToBase64 } from '../../../ui/images/base64'
import { chooseEncoding, LARGE_PIXELS, planPreparation, redrawSize } from '../../../ui/images/prepare'
import { gifHeader, jpegHeader, pngHeader, webpHeader } from '../fixtures'

const plan = (bytes: Uint8Array, options = {}) => planPreparation(imageInfo(bytes), bytes.length, options)

describe('planPreparation', () => {
  test.each([
    ['PNG 1360x768', pngHeader(1360, 768), { action: 'keep', size: { width: 1360, height: 768 } }],
    ['JPEG 4096x4096', jpegHeader(4096, 4096), { action: 'keep', size: { width: 4096, height: 4096 } }],
    ['GIF 500x500', gifHeader(500, 500), { action: 'keep', size: { width: 500, height: 500 } }],
    ['PNG 5440x3072 (4K 16:9)', pngHeader(5440, 3072), { action: 'redraw', reason: 'too-large' }],
    ['JPEG 3072x5440', jpegHeader(3072, 5440), { action: 'redraw', reason: 'too-large' }],
    ['WebP 1024x1024', webpHeader(1024, 1024), { action: 'redraw', reason: 'unsupported-type' }],
    ['unknown bytes', new Uint8Array([1, 2, 3, 4]), { action: 'redraw', reason: 'unknown-type' }],
  ])('%s → %j', (_, bytes, expected) => {
    expect(plan(bytes)).toEqual(expected)
  })

  test('an upload limit redraws bytes that are otherwise fine', () => {
    expect(plan(pngHeader(2000, 2000), { maxBytes: 10 })).toEqual({ action: 'redraw', reason: 'too-many-bytes' })
    expect(plan(pngHeader(2000, 2000), { maxBytes: 1000 })).toMatchObject({ action: 'keep' })
  })
})

describe('redrawSize', () => {
  test('fits within 4096 keeping proportions, never upscaling', () => {
    expect(redrawSize({ width: 5440, height: 3072 }, 1, true)).toEqual({ width: 4096, height: 2313 })
    expect(redrawSize({ width: 800, height: 600 }, 1, true)).toEqual({ width: 800, height: 600 })
  })
  test('a transparent image over the byte limit shrinks with the excess (it cannot become JPEG)', () => {
    const size = redrawSize({ width: 2000, height: 1000 }, 40, false, { maxBytes: 10 })
    expect(size.width).toBeLessThanOrEqual(900)
    expect(size.width / size.height).toBeCloseTo(2, 1)
    expect(redrawSize({ width: 2000, height: 1000 }, 40, true, { maxBytes: 10 })).toEqual({ width: 2000, height: 1000 })
  })
})

test.each([
  [{ width: 4096, height: 2313 }, true, 'too-large', 'image/jpeg'],
  [{ width: 4096, height: 2313 }, false, 'too-large', 'image/png'],
  [{ width: 1024, height: 1024 }, true, 'unsupported-type', 'image/png'],
  [{ width: 1024, height: 1024 }, true, 'too-many-bytes', 'image/jpeg'],
] as const)('chooseEncoding(%j, opaque %s, %s) = %s', (size, opaque, reason, type) => {
  expect(chooseEncoding(size, opaque, reason)).toBe(type)
})

test('"large" is a couple of megapixels', () => {
  expect(LARGE_PIXELS).toBe(2_000_000)
})

test('bytesToBase64 matches Node, also past one chunk', () => {
  const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256)
  expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'))
  expect(bytesToBase64(new Uint8Array())).toBe('')
})
