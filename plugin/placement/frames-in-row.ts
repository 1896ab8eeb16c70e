// Main thread: new frames holding images, in a row beside something.
import { layoutRow } from '../../shared/geometry/layout-row'
import { freeSpotNear } from '../../shared/geometry/new-frame-layout'
import { absoluteRect } from '../absolute-rect'
import { takeFocus } from './selection-etiquette'
import type { Rect, Size } from '../../shared/geometry/rect'
import type { ImageBytes } from '../../shared/protocol/messages'
import { createImagePaint } from './create-image-paint'
import type { Outcome, Skip } from './outcome'

/** layoutRow's spacing: its first frame starts this far right of the anchor, the next ones half as far apart. */
const ANCHOR_GAP = 80
const ROW_GAP = 40

export interface FramesInRow {
  images: readonly ImageBytes[]
  /** The frame size for each image. */
  sizeOf: (image: ImageBytes) => Size
  /** What the row starts to the right of; null puts it near the viewport's centre, clear of other content. */
  beside: Rect | null
  /** The layer name, or each frame's from its image's index in `images`. */
  name: string | ((index: number) => string)
  page: PageNode
  /** Select the new frames and scroll to them (the user's selection has not changed since the job started). */
  focus: boolean
}

/**
 * One frame per image that Figma accepts, each showing its image FILL, laid out left to right beside `beside`
 * (or near the viewport's centre). Refused images leave no gap and no empty frame. With `focus`, on the current
 * page, the new frames become the selection and the viewport moves to them.
 */
export function createFramesInRow({ images, sizeOf, beside, name, page, focus }: FramesInRow): Outcome {
  const skipped: Skip[] = []
  const accepted: { paint: ImagePaint; size: Size; index: number }[] = []
  images.forEach((image, index) => {
    const attempt = createImagePaint(image)
    if (attempt.ok) accepted.push({ paint: attempt.paint, size: sizeOf(image), index })
    else skipped.push({ nodeId: '', reason: attempt.reason })
  })
  const onCurrentPage = page.id === figma.currentPage.id
  const sizes = accepted.map((a) => a.size)
  const rects = layoutRow(beside ?? nearViewportCentre(sizes, page), sizes)
  const placed = accepted.map(({ paint, index }, i) => {
    const frame = figma.createFrame()
    if (!onCurrentPage) page.appendChild(frame)
    frame.name = typeof name === 'string' ? name : name(index)
    frame.resize(rects[i].width, rects[i].height)
    frame.x = rects[i].x
    frame.y = rects[i].y
    frame.fills = [paint]
    return frame
  })
  if (placed.length > 0 && onCurrentPage && focus) takeFocus(placed)
  return { placed, skipped }
}

/** A zero-size anchor whose row (see layoutRow) lands centred in the viewport, overlapping no top-level layer. */
function nearViewportCentre(sizes: readonly Size[], page: PageNode): Rect {
  const width = sizes.reduce((sum, s) => sum + s.width, 0) + ROW_GAP * Math.max(0, sizes.length - 1)
  const height = Math.max(0, ...sizes.map((s) => s.height))
  const spot = freeSpotNear(figma.viewport.center, { width, height }, page.children.map(absoluteRect))
  return { x: spot.x - ANCHOR_GAP, y: spot.y, width: 0, height: 0 }
}
