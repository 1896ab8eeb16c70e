/** Image container sniffing for inputs: Kling accepts `.jpg/.jpeg/.png` only (kling-upstream.md §6). */
export type ImageFormat = 'png' | 'jpeg'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** The format by magic bytes, or null for anything else (GIF, WebP, garbage). */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length >= 8 && PNG_SIGNATURE.equals(bytes.subarray(0, 8))) return 'png'
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  return null
}

/** Width and height from the header, or null when the header is unreadable. */
export function readImageSize(bytes: Uint8Array, format: ImageFormat): { width: number; height: number } | null {
  return format === 'png' ? readPngSize(bytes) : readJpegSize(bytes)
}

/** PNG: the first chunk must be IHDR; width and height are its first two big-endian u32. */
function readPngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24) return null
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.toString('latin1', 12, 16) !== 'IHDR') return null
  const width = view.readUInt32BE(16)
  const height = view.readUInt32BE(20)
  return width > 0 && height > 0 ? { width, height } : null
}

/** Start-of-frame markers (baseline, progressive, lossless, arithmetic); C4, C8 and CC are not frames. */
const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf])

/** JPEG: walk the marker segments up to the first SOFn; height then width follow its precision byte. */
function readJpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  let offset = 2
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null
    const marker = bytes[offset + 1]
    if (marker === 0xff) {
      offset++ // fill byte
      continue
    }
    // Standalone markers carry no length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2
      continue
    }
    if (marker === 0xd9 || marker === 0xda) return null // end of image / start of scan before any frame header
    const length = (bytes[offset + 2] << 8) | bytes[offset + 3]
    if (length < 2) return null
    if (SOF_MARKERS.has(marker)) {
      if (offset + 9 > bytes.length) return null
      const height = (bytes[offset + 5] << 8) | bytes[offset + 6]
      const width = (bytes[offset + 7] << 8) | bytes[offset + 8]
      return width > 0 && height > 0 ? { width, height } : null
    }
    offset += 2 + length
  }
  return null
}
