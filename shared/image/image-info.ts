/** What an image's header says about it. */
export interface ImageInfo {
  format: 'png' | 'jpeg' | 'gif' | 'webp'
  content_type: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'
  width: number
  height: number
}

/**
 * Reads format and pixel size from the first bytes of a PNG, JPEG, GIF or WebP file, without decoding pixels.
 * Returns `null` when the bytes are none of these or the size cannot be found in `bytes` (a JPEG whose frame
 * header lies beyond a truncated prefix: pass more bytes). Used by the Worker on stored results and inputs, and by
 * the plugin on what it downloads.
 */
export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  if (isPng(bytes)) return pngInfo(bytes)
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpegInfo(bytes)
  if (ascii(bytes, 0, 4) === 'GIF8' && bytes.length >= 10) {
    return { format: 'gif', content_type: 'image/gif', width: u16le(bytes, 6), height: u16le(bytes, 8) }
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return webpInfo(bytes)
  return null
}

/** The magic-number test alone, for callers that only need to know the type. */
export function imageFormat(bytes: Uint8Array): ImageInfo['format'] | null {
  if (isPng(bytes)) return 'png'
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (ascii(bytes, 0, 4) === 'GIF8') return 'gif'
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp'
  return null
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function isPng(b: Uint8Array): boolean {
  return b.length >= 8 && PNG_SIGNATURE.every((v, i) => b[i] === v)
}

function pngInfo(b: Uint8Array): ImageInfo | null {
  // IHDR is always the first chunk: length(4) type(4) width(4) height(4).
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null
  return { format: 'png', content_type: 'image/png', width: u32be(b, 16), height: u32be(b, 20) }
}

function jpegInfo(b: Uint8Array): ImageInfo | null {
  let i = 2
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null
    const marker = b[i + 1]
    // Fill bytes and standalone markers (RSTn, TEM) carry no length.
    if (marker === 0xff) {
      i += 1
      continue
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2
      continue
    }
    const length = u16be(b, i + 2)
    // SOF0..SOF15 hold the frame size, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > b.length) return null
      return { format: 'jpeg', content_type: 'image/jpeg', width: u16be(b, i + 7), height: u16be(b, i + 5) }
    }
    if (marker === 0xda || marker === 0xd9) return null
    i += 2 + length
  }
  return null
}

function webpInfo(b: Uint8Array): ImageInfo | null {
  const chunk = ascii(b, 12, 4)
  const base = { format: 'webp', content_type: 'image/webp' } as const
  if (chunk === 'VP8 ' && b.length >= 30) {
    return { ...base, width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff }
  }
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24)
    return { ...base, width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
  }
  if (chunk === 'VP8X' && b.length >= 30) {
    return { ...base, width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 }
  }
  return null
}

function ascii(b: Uint8Array, at: number, length: number): string {
  if (b.length < at + length) return ''
  return String.fromCharCode(...b.subarray(at, at + length))
}

const u16be = (b: Uint8Array, i: number) => (b[i] << 8) | b[i + 1]
const u16le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8)
const u24le = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)
const u32be = (b: Uint8Array, i: number) => ((b[i] << 24) >>> 0) + ((b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3])
