/**
 * Whether a PNG or JPEG file is whole, checked from its structure without decoding pixels: a file whose header
 * is fine but whose body is cut or damaged would otherwise be accepted here and refused upstream (Kling answers
 * 1201 "could not be decoded"), which the client would see as our 502 instead of its own 400.
 *
 * PNG: IHDR first with a sane size, every chunk's length within the file and its CRC right, IDAT present, IEND
 * last. JPEG: the segments before the first scan are well-formed, a frame header, quantisation and Huffman tables
 * and a scan exist, and the file ends with EOI. Returns what is wrong in plain words, or null when the file is whole.
 */
export function imageIntegrityIssue(bytes: Uint8Array, format: 'png' | 'jpeg'): string | null {
  return format === 'png' ? pngIssue(bytes) : jpegIssue(bytes)
}

function pngIssue(b: Uint8Array): string | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength)
  let at = 8
  let sawData = false
  for (let index = 0; at + 12 <= b.length; index++) {
    const length = view.getUint32(at)
    const type = String.fromCharCode(b[at + 4], b[at + 5], b[at + 6], b[at + 7])
    if (!/^[A-Za-z]{4}$/.test(type)) return `its PNG chunk ${index + 1} is damaged`
    if (at + 12 + length > b.length) return `its PNG data is cut off (chunk ${type} runs past the end of the file)`
    if (crc32(b, at + 4, at + 8 + length) !== view.getUint32(at + 8 + length)) return `its PNG chunk ${type} is damaged (checksum mismatch)`
    if (index === 0 && (type !== 'IHDR' || length !== 13)) return 'is not a valid PNG (IHDR must come first)'
    if (index === 0 && (view.getUint32(at + 8) === 0 || view.getUint32(at + 12) === 0)) return 'is not a valid PNG (zero width or height)'
    if (type === 'IDAT') sawData = true
    if (type === 'IEND') return sawData ? null : 'is not a valid PNG (no image data)'
    at += 12 + length
  }
  return 'its PNG data is cut off (no IEND chunk)'
}

function jpegIssue(b: Uint8Array): string | null {
  let at = 2
  let sawFrame = false
  let huffman = false
  const tables = { quantisation: false, huffman: false }
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return 'is not a valid JPEG (a damaged segment before the image data)'
    const marker = b[at + 1]
    if (marker === 0xff) {
      at += 1
      continue
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2
      continue
    }
    if (marker === 0xd8 || marker === 0xd9) return 'is not a valid JPEG (no image data)'
    const length = (b[at + 2] << 8) | b[at + 3]
    if (length < 2 || at + 2 + length > b.length) return 'its JPEG data is cut off'
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      sawFrame = true
      // SOF0-3 and SOF5-7 are Huffman-coded; the others use arithmetic coding (tables in DAC).
      huffman = marker <= 0xc7
    }
    if (marker === 0xdb) tables.quantisation = true
    if (marker === 0xc4) tables.huffman = true
    if (marker === 0xda) {
      if (!sawFrame) return 'is not a valid JPEG (no frame header before the image data)'
      if (!tables.quantisation || (huffman && !tables.huffman)) return 'is not a valid JPEG (its decoding tables are missing)'
      return endsWithEoi(b) ? null : 'its JPEG data is cut off (no end-of-image marker)'
    }
    at += 2 + length
  }
  return 'its JPEG data is cut off'
}

/**
 * Whether the last bytes of a file of `format` are its proper ending (PNG's IEND chunk, JPEG's EOI, GIF's trailer):
 * a cheap check that a download was not cut short, for files too large to walk whole. WebP is judged by its
 * RIFF length elsewhere, so any tail passes here.
 */
export function imageTailIsWhole(tail: Uint8Array, format: 'png' | 'jpeg' | 'gif' | 'webp'): boolean {
  if (format === 'png') return IEND.every((byte, i) => tail[tail.length - IEND.length + i] === byte)
  if (format === 'jpeg') return endsWithEoi(tail)
  if (format === 'gif') return tail[tail.length - 1] === 0x3b
  return true
}

/** IEND: zero length, type, CRC. */
const IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]

/** EOI at the very end; some encoders pad after it, so a few trailing zero bytes are allowed. */
function endsWithEoi(b: Uint8Array): boolean {
  let end = b.length
  while (end > 0 && b.length - end < 16 && b[end - 1] === 0) end--
  return end >= 2 && b[end - 2] === 0xff && b[end - 1] === 0xd9
}

const CRC_TABLE = /* @__PURE__ */ (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 (PNG's, ISO 3309) of `bytes[from, to)`. */
function crc32(bytes: Uint8Array, from: number, to: number): number {
  let c = 0xffffffff
  for (let i = from; i < to; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
