// Main thread: where a row of new frames may start without covering the page's other layers.
import type { Rect, Size } from '../../shared/geometry/rect'
import { rowStartClearOf } from '../../shared/geometry/row-clear-of'
import { absoluteRect } from '../absolute-rect'

/** layoutRow's default gap between the anchor and the row. */
const ROW_GAP = 80

/**
 * The anchor to hand createFramesInRow so that its row of `sizes` starts right of `beside`, level with it, but
 * further right where it would cover a top-level layer of `page`: an empty rect just left of the clear start.
 */
export function clearAnchor(beside: Rect | null, sizes: readonly Size[], page: PageNode): Rect | null {
  if (!beside) return null
  const start = rowStartClearOf(beside, sizes, page.children.map(absoluteRect), ROW_GAP)
  return { x: start - ROW_GAP, y: beside.y, width: 0, height: beside.height }
}
