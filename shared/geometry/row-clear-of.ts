import { layoutRow } from './layout-row'
import type { Rect, Size } from './rect'

/**
 * Where a row laid out by `layoutRow` beside `beside` must start so that none of its frames covers one of
 * `obstacles` (the page's other layers): as planned when it is clear, else moved right, past the obstacles it
 * would cover, as often as needed. Only ever moves right, so the row stays level with what it belongs to.
 * Returns the x of the row's first frame.
 */
export function rowStartClearOf(beside: Rect | null, sizes: readonly Size[], obstacles: readonly Rect[], gap = 80): number {
  let rects = layoutRow(beside, sizes, gap)
  if (rects.length === 0) return beside ? beside.x + beside.width + gap : 0
  // Each pass moves the row past at least one obstacle, so this ends after at most `obstacles.length` passes.
  for (let pass = 0; pass <= obstacles.length; pass++) {
    const hit = obstacles.filter((o) => rects.some((r) => overlaps(r, o)))
    if (hit.length === 0) break
    const shift = Math.max(...hit.map((o) => o.x + o.width)) + gap - rects[0].x
    rects = rects.map((r) => ({ ...r, x: r.x + shift }))
  }
  return rects[0].x
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}
