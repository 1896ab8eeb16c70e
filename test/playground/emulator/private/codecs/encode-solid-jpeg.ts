/**
 * A baseline JPEG of one flat colour, any size, without a DCT: a constant 8x8 block has only a DC coefficient
 * (8 × (value − 128) with a quantiser of 1), so every block after the first is "no change, end of block".
 * The default exportAsync renderer uses it for format 'JPG' so Node tests get real JPEG bytes.
 */
import type { Rgb } from './raster'

/** Standard DC luminance table (ITU T.81 Annex K.3), reused for all three components. */
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
/** An AC table with a single symbol, EOB (0x00), coded as the 1-bit code "0". */
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
const AC_VALUES = [0]

function canonicalCodes(bits: number[], values: number[]): Map<number, { code: number; length: number }> {
  const codes = new Map<number, { code: number; length: number }>()
  let code = 0
  let k = 0
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < bits[length - 1]; i++) codes.set(values[k++], { code: code++, length })
    code <<= 1
  }
  return codes
}

const DC_CODES = canonicalCodes(DC_BITS, DC_VALUES)
const EOB = canonicalCodes(AC_BITS, AC_VALUES).get(0)!

export function encodeSolidJpeg(width: number, height: number, [r, g, b]: Rgb): Uint8Array {
  const ycc = [
    0.299 * r + 0.587 * g + 0.114 * b,
    128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
    128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
  ].map((v) => Math.round(8 * (Math.min(255, Math.max(0, v)) - 128)))

  const bytes: number[] = []
  const u16 = (v: number) => bytes.push(v >> 8, v & 0xff)
  u16(0xffd8) // SOI
  u16(0xffe0) // APP0 JFIF 1.1, no thumbnail
  u16(16)
  bytes.push(0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0)
  u16(0xffdb) // DQT: table 0, all ones
  u16(67)
  bytes.push(0, ...new Array(64).fill(1))
  u16(0xffc0) // SOF0: 8-bit, three components, no subsampling, all on quant table 0
  u16(17)
  bytes.push(8)
  u16(height)
  u16(width)
  bytes.push(3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0)
  u16(0xffc4) // DHT: DC table 0 and AC table 0
  u16(2 + 17 + DC_VALUES.length + 17 + AC_VALUES.length)
  bytes.push(0x00, ...DC_BITS, ...DC_VALUES, 0x10, ...AC_BITS, ...AC_VALUES)
  u16(0xffda) // SOS
  u16(12)
  bytes.push(3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0)

  let buffer = 0
  let count = 0
  const put = (code: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) {
      buffer = (buffer << 1) | ((code >> i) & 1)
      if (++count === 8) {
        bytes.push(buffer)
        if (buffer === 0xff) bytes.push(0) // byte stuffing
        buffer = 0
        count = 0
      }
    }
  }
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8)
  for (let block = 0; block < blocks; block++) {
    for (let c = 0; c < 3; c++) {
      const diff = block === 0 ? ycc[c] : 0
      const magnitude = Math.abs(diff)
      const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1
      const dc = DC_CODES.get(category)!
      put(dc.code, dc.length)
      if (category > 0) put(diff >= 0 ? diff : diff + (1 << category) - 1, category)
      put(EOB.code, EOB.length)
    }
  }
  if (count > 0) put(0x7f, 8 - count) // pad with one-bits
  u16(0xffd9) // EOI
  return Uint8Array.from(bytes)
}
