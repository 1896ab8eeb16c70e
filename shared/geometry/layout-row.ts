import type { Rect, Size } from './rect'

/**
 * Positions for new frames laid out left to right in one row, starting `gap` to the right of `beside`
 * (the existing content) with tops aligned to it, or at the origin on an empty page.
 */
export function layoutRow(beside: Rect | null, sizes: readonly Size[], gap = 80): Rect[] {
  let x = beside ? beside.x + beside.width + gap : 0
  const y = beside ? beside.y : 0
  return sizes.map((size) => {
    const rect = { x, y, width: size.width, height: size.height }
    x += size.width + gap / 2
    return rect
  })
}
