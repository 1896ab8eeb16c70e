/**
 * A small synchronous zlib compressor (RFC 1950/1951): one fixed-Huffman block with greedy LZ77 matching.
 * Synchronous because scenarios build their PNGs inside loadScenario(); good enough for flat colours and gradients.
 */
import { adler32 } from './checksums'

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

const WINDOW = 32768
const MIN_MATCH = 3
const MAX_MATCH = 258
const MAX_CHAIN = 24
const HASH_BITS = 15

function reverseBits(code: number, length: number): number {
  let out = 0
  for (let i = 0; i < length; i++) out = (out << 1) | ((code >> i) & 1)
  return out
}

/** The fixed literal/length code (RFC 1951 §3.2.6), bit-reversed because deflate writes Huffman codes MSB first. */
const LIT_CODE = new Uint16Array(288)
const LIT_LEN = new Uint8Array(288)
for (let v = 0; v < 288; v++) {
  const [code, len] = v < 144 ? [0x30 + v, 8] : v < 256 ? [0x190 + v - 144, 9] : v < 280 ? [v - 256, 7] : [0xc0 + v - 280, 8]
  LIT_CODE[v] = reverseBits(code, len)
  LIT_LEN[v] = len
}
const DIST_CODE = Uint8Array.from({ length: 30 }, (_, i) => reverseBits(i, 5))
const LENGTH_SYMBOL = new Uint8Array(MAX_MATCH + 1)
for (let s = 0; s < LENGTH_BASE.length; s++) {
  const end = s + 1 < LENGTH_BASE.length ? LENGTH_BASE[s + 1] : MAX_MATCH + 1
  for (let l = LENGTH_BASE[s]; l < end; l++) LENGTH_SYMBOL[l] = s
}
LENGTH_SYMBOL[MAX_MATCH] = 28
const DIST_SYMBOL = new Uint8Array(WINDOW + 1)
for (let s = 0; s < DIST_BASE.length; s++) {
  const end = s + 1 < DIST_BASE.length ? DIST_BASE[s + 1] : WINDOW + 1
  for (let d = DIST_BASE[s]; d < end; d++) DIST_SYMBOL[d] = s
}

class BitWriter {
  private out: Uint8Array
  private pos = 0
  private buffer = 0
  private count = 0

  constructor(capacity: number) {
    this.out = new Uint8Array(Math.max(64, capacity))
  }

  write(value: number, bits: number): void {
    this.buffer |= value << this.count
    this.count += bits
    while (this.count >= 8) {
      this.byte(this.buffer & 0xff)
      this.buffer >>>= 8
      this.count -= 8
    }
  }

  alignToByte(): void {
    if (this.count > 0) this.write(0, 8 - this.count)
  }

  byte(value: number): void {
    if (this.pos === this.out.length) {
      const grown = new Uint8Array(this.out.length * 2)
      grown.set(this.out)
      this.out = grown
    }
    this.out[this.pos++] = value
  }

  result(): Uint8Array {
    return this.out.slice(0, this.pos)
  }
}

export function zlibDeflate(data: Uint8Array): Uint8Array {
  const w = new BitWriter(data.length / 8 + 1024)
  w.byte(0x78) // CMF: deflate, 32 KiB window
  w.byte(0x01) // FLG: no dictionary, fastest; (0x78 << 8 | 0x01) % 31 === 0
  w.write(1, 1) // BFINAL
  w.write(1, 2) // BTYPE = fixed Huffman

  const literal = (v: number) => w.write(LIT_CODE[v], LIT_LEN[v])
  const head = new Int32Array(1 << HASH_BITS).fill(-1)
  const prev = new Int32Array(WINDOW)
  const hashAt = (i: number) => (Math.imul((data[i] << 16) | (data[i + 1] << 8) | data[i + 2], 0x9e3779b1) >>> (32 - HASH_BITS))
  const insert = (i: number) => {
    if (i + MIN_MATCH > data.length) return
    const h = hashAt(i)
    prev[i & (WINDOW - 1)] = head[h]
    head[h] = i
  }

  let i = 0
  while (i < data.length) {
    let bestLength = 0
    let bestDistance = 0
    if (i + MIN_MATCH <= data.length) {
      let candidate = head[hashAt(i)]
      const limit = Math.min(MAX_MATCH, data.length - i)
      for (let chain = 0; candidate >= 0 && i - candidate <= WINDOW && chain < MAX_CHAIN; chain++) {
        let length = 0
        while (length < limit && data[candidate + length] === data[i + length]) length++
        if (length > bestLength) {
          bestLength = length
          bestDistance = i - candidate
          if (length === limit) break
        }
        const next = prev[candidate & (WINDOW - 1)]
        if (next >= candidate) break
        candidate = next
      }
    }
    if (bestLength >= MIN_MATCH) {
      const ls = LENGTH_SYMBOL[bestLength]
      literal(257 + ls)
      if (LENGTH_EXTRA[ls]) w.write(bestLength - LENGTH_BASE[ls], LENGTH_EXTRA[ls])
      const ds = DIST_SYMBOL[bestDistance]
      w.write(DIST_CODE[ds], 5)
      if (DIST_EXTRA[ds]) w.write(bestDistance - DIST_BASE[ds], DIST_EXTRA[ds])
      for (let k = 0; k < bestLength; k++) insert(i + k)
      i += bestLength
    } else {
      literal(data[i])
      insert(i)
      i++
    }
  }
  literal(256) // end of block
  w.alignToByte()
  const checksum = adler32(data)
  w.byte(checksum >>> 24)
  w.byte((checksum >>> 16) & 0xff)
  w.byte((checksum >>> 8) & 0xff)
  w.byte(checksum & 0xff)
  return w.result()
}
