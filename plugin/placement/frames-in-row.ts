// Main thread: new frames holding images, in a row beside something.
import { layoutRow } from '../../shared/geometry/layout-row'
import type { Rect, Size } from '../../shared/geometry/rect'
import type { ImageBytes } from '../../shared/protocol/messages'
import { createImagePaint } from './create-image-paint'
import type { Outcome, Skip } from './outcome'

export interface FramesInRow {
  images: readonly ImageBytes[]
  /** The frame size for each image. */
  sizeOf: (image: ImageBytes) => Size
  /** What the row starts to the right of; null starts it at the page origin. */
  beside: Rect | null
  /** The layer name, or each frame's from its image's index in `images`. */
  name: string | ((index: number) => string)
  page: PageNode
}

/**
 * One frame per image that Figma accepts, each showing its image FILL, laid out left to right beside `beside`.
 * Refused images leave no gap and no empty frame. On the current page the new frames become the selection and
 * the viewport moves to them.
 */
export function createFramesInRow({ images, sizeOf, beside, name, page }: FramesInRow): Outcome {
  const skipped: Skip[] = []
  const accepted: { paint: ImagePaint; size: Size; index: number }[] = []
  images.forEach((image, index) => {
    const attempt = createImagePaint(image)
    if (attempt.ok) accepted.push({ paint: attempt.paint, size: sizeOf(image), index })
    else skipped.push({ nodeId: '', reason: attempt.reason })
  })
  const onCurrentPage = page.id === figma.currentPage.id
  const rects = layoutRow(beside, accepted.map((a) => a.size))
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
  if (placed.length > 0 && onCurrentPage) {
    figma.currentPage.selection = placed
    figma.viewport.scrollAndZoomIntoView(placed)
  }
  return { placed, skipped }
}
