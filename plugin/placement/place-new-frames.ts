// Main thread: placement `new-frames`, for jobs started with no frame selected.
import { frameSizeForImage } from '../../shared/geometry/new-frame-layout'
import { boundsOf } from '../../shared/geometry/rect'
import type { ImageBytes, PlacementMeta } from '../../shared/protocol/messages'
import { absoluteRect } from '../absolute-rect'
import { findSceneNodeAsync } from '../find-scene-node'
import { pageOf } from '../page-of'
import { frameName } from './frame-name'
import { createFramesInRow } from './frames-in-row'
import type { Outcome } from './outcome'

/**
 * One frame per image, sized to the layout (a 2K image gets a frame of its 1K size, not 2048 points), named after
 * the prompt, in a row next to what was selected when the job started, or near the viewport's centre.
 */
export async function placeNewFramesAsync(
  images: readonly ImageBytes[],
  meta: PlacementMeta,
  selectionAtStart: readonly string[] | undefined,
  focus: boolean,
): Promise<Outcome> {
  const page = figma.currentPage
  const anchors: SceneNode[] = []
  for (const id of selectionAtStart ?? []) {
    const node = await findSceneNodeAsync(id)
    if (node && pageOf(node)?.id === page.id) anchors.push(node)
  }
  return createFramesInRow({
    images,
    sizeOf: (image) => frameSizeForImage(image),
    beside: boundsOf(anchors.map(absoluteRect)),
    name: frameName(meta.prompt),
    page,
    focus,
  })
}
