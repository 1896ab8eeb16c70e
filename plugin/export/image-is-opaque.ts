// Main thread (pure): whether an encoded image can have transparent pixels, from its header alone.
import { imageFormat } from '../../shared/image/image-info'

/** PNG colour types without an alpha channel: greyscale (0) and truecolour (2). */
const OPAQUE_PNG_COLOR_TYPES = [0, 2]

/**
 * True only when the bytes cannot hold transparency: a JPEG, or a PNG without an alpha channel and without a
 * tRNS chunk (which must come before the image data). Anything else, GIF included, counts as transparent.
 */
export function imageIsOpaque(bytes: Uint8Array): boolean {
  const format = imageFormat(bytes)
  if (format === 'jpeg') return true
  if (format !== 'png' || bytes.length < 33 || !OPAQUE_PNG_COLOR_TYPES.includes(bytes[25])) return false
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = ((bytes[at] << 24) >>> 0) + ((bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3])
    const type = String.fromCharCode(bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7])
    if (type === 'tRNS') return false
    if (type === 'IDAT' || type === 'IEND') return true
    at += 12 + length
  }
  return false
}
