// Main thread: placement `new-frames`, for jobs started with nothing selected.
import { boundsOf } from '../../shared/geometry/rect'
import type { ImageBytes, PlacementMeta } from '../../shared/protocol/messages'
import { absoluteRect } from '../absolute-rect'
import { frameName } from './frame-name'
import { createFramesInRow } from './frames-in-row'
import type { Outcome } from './outcome'

/** One frame per image at the image's own size, named after the prompt, in a row to the right of the page's content. */
export function placeNewFrames(images: readonly ImageBytes[], meta: PlacementMeta): Outcome {
  const page = figma.currentPage
  return createFramesInRow({
    images,
    sizeOf: (image) => ({ width: image.width, height: image.height }),
    beside: boundsOf(page.children.map(absoluteRect)),
    name: frameName(meta.prompt),
    page,
  })
}
