import type { Raster, Rgb } from './raster'

/** A 5x7 pixel font: enough glyphs for ratios ("16:9"), indices ("#3"), sizes ("1360x768") and short labels. */
const GLYPHS: Readonly<Record<string, readonly string[]>> = {
  '0': ['.###.', '#...#', '#..##', '#.#.#', '##..#', '#...#', '.###.'],
  '1': ['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  '2': ['.###.', '#...#', '....#', '...#.', '..#..', '.#...', '#####'],
  '3': ['####.', '....#', '....#', '.###.', '....#', '....#', '####.'],
  '4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
  '5': ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
  '6': ['..##.', '.#...', '#....', '####.', '#...#', '#...#', '.###.'],
  '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
  '8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.'],
  '9': ['.###.', '#...#', '#...#', '.####', '....#', '...#.', '.##..'],
  A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  B: ['####.', '#...#', '#...#', '####.', '#...#', '#...#', '####.'],
  C: ['.###.', '#...#', '#....', '#....', '#....', '#...#', '.###.'],
  D: ['####.', '#...#', '#...#', '#...#', '#...#', '#...#', '####.'],
  E: ['#####', '#....', '#....', '####.', '#....', '#....', '#####'],
  F: ['#####', '#....', '#....', '####.', '#....', '#....', '#....'],
  G: ['.###.', '#...#', '#....', '#.###', '#...#', '#...#', '.####'],
  H: ['#...#', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  I: ['.###.', '..#..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  J: ['..###', '...#.', '...#.', '...#.', '...#.', '#..#.', '.##..'],
  K: ['#...#', '#..#.', '#.#..', '##...', '#.#..', '#..#.', '#...#'],
  L: ['#....', '#....', '#....', '#....', '#....', '#....', '#####'],
  M: ['#...#', '##.##', '#.#.#', '#.#.#', '#...#', '#...#', '#...#'],
  N: ['#...#', '#...#', '##..#', '#.#.#', '#..##', '#...#', '#...#'],
  O: ['.###.', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  P: ['####.', '#...#', '#...#', '####.', '#....', '#....', '#....'],
  Q: ['.###.', '#...#', '#...#', '#...#', '#.#.#', '#..#.', '.##.#'],
  R: ['####.', '#...#', '#...#', '####.', '#.#..', '#..#.', '#...#'],
  S: ['.####', '#....', '#....', '.###.', '....#', '....#', '####.'],
  T: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '..#..'],
  U: ['#...#', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  V: ['#...#', '#...#', '#...#', '#...#', '#...#', '.#.#.', '..#..'],
  W: ['#...#', '#...#', '#...#', '#.#.#', '#.#.#', '#.#.#', '.#.#.'],
  X: ['#...#', '#...#', '.#.#.', '..#..', '.#.#.', '#...#', '#...#'],
  Y: ['#...#', '#...#', '.#.#.', '..#..', '..#..', '..#..', '..#..'],
  Z: ['#####', '....#', '...#.', '..#..', '.#...', '#....', '#####'],
  x: ['.....', '.....', '#...#', '.#.#.', '..#..', '.#.#.', '#...#'],
  ':': ['.....', '.##..', '.##..', '.....', '.##..', '.##..', '.....'],
  '#': ['.#.#.', '.#.#.', '#####', '.#.#.', '#####', '.#.#.', '.#.#.'],
  '.': ['.....', '.....', '.....', '.....', '.....', '.##..', '.##..'],
  '-': ['.....', '.....', '.....', '#####', '.....', '.....', '.....'],
  '/': ['....#', '....#', '...#.', '..#..', '.#...', '#....', '#....'],
  ' ': ['.....', '.....', '.....', '.....', '.....', '.....', '.....'],
}

/** Glyph cell size in font pixels, including one column / one row of spacing. */
export const GLYPH_ADVANCE = 6
export const LINE_ADVANCE = 9

/** Width of a line of text in font pixels (without the trailing spacing column). */
export function textWidthCells(text: string): number {
  return Math.max(0, text.length * GLYPH_ADVANCE - 1)
}

/** Optional clip: only pixels for which it answers true are painted (expand keeps the original's pixels intact). */
export type PixelClip = (x: number, y: number) => boolean

/**
 * Paints `text` with its top-left at (x, y), each font pixel a `scale`x`scale` block. Unknown characters are drawn
 * upper-cased or as a blank. Pixels outside the raster or the clip are skipped.
 */
export function drawText(raster: Raster, text: string, x: number, y: number, scale: number, color: Rgb, clip?: PixelClip): void {
  let penX = x
  for (const char of text) {
    const glyph = GLYPHS[char] ?? GLYPHS[char.toUpperCase()] ?? GLYPHS[' ']
    for (let row = 0; row < 7; row++) {
      for (let col = 0; col < 5; col++) {
        if (glyph[row][col] === '#') fillRect(raster, penX + col * scale, y + row * scale, scale, scale, color, clip)
      }
    }
    penX += GLYPH_ADVANCE * scale
  }
}

/** Fills a rectangle (clipped to the raster and to `clip`). */
export function fillRect(raster: Raster, x: number, y: number, w: number, h: number, color: Rgb, clip?: PixelClip): void {
  const x0 = Math.max(0, x)
  const y0 = Math.max(0, y)
  const x1 = Math.min(raster.width, x + w)
  const y1 = Math.min(raster.height, y + h)
  for (let py = y0; py < y1; py++) {
    for (let px = x0; px < x1; px++) {
      if (clip && !clip(px, py)) continue
      const i = (py * raster.width + px) * 3
      raster.data[i] = color[0]
      raster.data[i + 1] = color[1]
      raster.data[i + 2] = color[2]
    }
  }
}

/** Multiplies a rectangle's colours by `factor` (a translucent dark panel under text keeps it legible). */
export function shadeRect(raster: Raster, x: number, y: number, w: number, h: number, factor: number, clip?: PixelClip): void {
  const x0 = Math.max(0, x)
  const y0 = Math.max(0, y)
  const x1 = Math.min(raster.width, x + w)
  const y1 = Math.min(raster.height, y + h)
  for (let py = y0; py < y1; py++) {
    for (let px = x0; px < x1; px++) {
      if (clip && !clip(px, py)) continue
      const i = (py * raster.width + px) * 3
      raster.data[i] = Math.round(raster.data[i] * factor)
      raster.data[i + 1] = Math.round(raster.data[i + 1] * factor)
      raster.data[i + 2] = Math.round(raster.data[i + 2] * factor)
    }
  }
}
