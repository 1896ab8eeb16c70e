// Main thread: placement `row`, for multi-image reference and Omni results (a series among them).
import { frameSizeForImage } from '../../shared/geometry/new-frame-layout'
import { boundsOf } from '../../shared/geometry/rect'
import type { ImageBytes, PlacementMeta } from '../../shared/protocol/messages'
import { absoluteRect } from '../absolute-rect'
import { findSceneNodeAsync } from '../find-scene-node'
import { pageOf } from '../page-of'
import { clearAnchor } from './clear-anchor'
import { frameName, seriesFrameName } from './frame-name'
import { createFramesInRow } from './frames-in-row'
import type { Outcome } from './outcome'

/**
 * One frame per image (sized to the layout: at most 1600 points a side), in order, in a row to the right of the
 * references that still exist, on the page of the first of them, moved further right where it would cover other
 * layers. With none left, the row starts beside the current page's content. A series is numbered "prompt 1/3",
 * "prompt 2/3"… so that its order survives any later rearranging.
 */
export async function placeRowAsync(
  images: readonly ImageBytes[],
  besideIds: readonly string[],
  numbered: boolean,
  meta: PlacementMeta,
  focus: boolean,
): Promise<Outcome> {
  const found = await Promise.all(besideIds.map(findSceneNodeAsync))
  const anchors = found.filter((node): node is SceneNode => node !== null)
  const page = (anchors[0] && pageOf(anchors[0])) ?? figma.currentPage
  const onPage = anchors.filter((node) => pageOf(node)?.id === page.id)
  const references = boundsOf((onPage.length ? onPage : page.children).map(absoluteRect))
  // Sized to the layout, as new frames are: a 4K image gets a frame a whole factor smaller (shown at 2x or 3x).
  const sizeOf = (image: ImageBytes) => frameSizeForImage(image)
  const outcome = createFramesInRow({
    images,
    sizeOf,
    beside: clearAnchor(references, images.map(sizeOf), page),
    name: numbered ? (index) => seriesFrameName(meta.prompt, index, images.length) : frameName(meta.prompt),
    page,
    focus,
  })
  if (besideIds.length > 0 && anchors.length === 0) {
    return { ...outcome, note: 'The references were deleted, so the images went beside the page content.' }
  }
  return outcome
}
