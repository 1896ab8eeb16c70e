// Main thread: placement `beside`, for image-to-image results.
import type { ImageBytes, PlacementMeta } from '../../shared/protocol/messages'
import { absoluteRect } from '../absolute-rect'
import { findSceneNodeAsync } from '../find-scene-node'
import { pageOf } from '../page-of'
import { clearAnchor } from './clear-anchor'
import { frameName } from './frame-name'
import { createFramesInRow } from './frames-in-row'
import type { Outcome } from './outcome'
import { placeNewFramesAsync } from './place-new-frames'

/**
 * New frames of the source's size in a row to its right (past any layers the row would cover), on its page. When
 * the source was deleted while the job ran, the images still land, as new frames near the viewport's centre.
 */
export async function placeBesideAsync(
  images: readonly ImageBytes[],
  sourceId: string,
  meta: PlacementMeta,
  focus: boolean,
): Promise<Outcome> {
  const source = await findSceneNodeAsync(sourceId)
  if (!source) {
    const outcome = await placeNewFramesAsync(images, meta, undefined, focus)
    return { ...outcome, note: 'The source was deleted, so the images went near the middle of the view.' }
  }
  return createFramesInRow({
    images,
    sizeOf: () => ({ width: source.width, height: source.height }),
    beside: clearAnchor(absoluteRect(source), images.map(() => ({ width: source.width, height: source.height })), pageOf(source) ?? figma.currentPage),
    name: frameName(meta.prompt, source.name),
    page: pageOf(source) ?? figma.currentPage,
    focus,
  })
}
