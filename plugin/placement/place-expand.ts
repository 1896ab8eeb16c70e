// Main thread: placement `expand`, where the grown image replaces the frame's look.
import type { ImageBytes } from '../../shared/protocol/messages'
import { findSceneNodeAsync } from '../find-scene-node'
import { pageOf } from '../page-of'
import { createImagePaint } from './create-image-paint'
import { deletedSkip, type Outcome } from './outcome'

/**
 * The first image becomes the frame's only fill (FILL, covering it) and the source image, when it is a child of the
 * frame, is removed; both stay recoverable with one undo. The frame is selected when it is on the current page.
 */
export async function placeExpandAsync(
  images: readonly ImageBytes[],
  frameId: string,
  sourceId: string,
): Promise<Outcome> {
  const frame = await findSceneNodeAsync(frameId)
  if (!frame) return { placed: [], skipped: [deletedSkip(frameId)] }
  if (!('fills' in frame)) return { placed: [], skipped: [{ nodeId: frameId, reason: `"${frame.name}" cannot hold an image fill.` }] }
  if (images.length === 0) return { placed: [], skipped: [{ nodeId: frameId, reason: 'The job returned no image.' }] }
  const attempt = createImagePaint(images[0])
  if (!attempt.ok) return { placed: [], skipped: [{ nodeId: frameId, reason: attempt.reason }] }
  frame.fills = [attempt.paint]
  if (sourceId !== frameId) {
    const source = await findSceneNodeAsync(sourceId)
    if (source && source.parent?.id === frame.id) source.remove()
  }
  if (pageOf(frame)?.id === figma.currentPage.id) figma.currentPage.selection = [frame]
  return { placed: [frame], skipped: [] }
}
