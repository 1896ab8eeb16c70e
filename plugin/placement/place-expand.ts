// Main thread: placement `expand`, where the grown image replaces the frame's look.
import type { ImageBytes } from '../../shared/protocol/messages'
import { findSceneNodeAsync } from '../find-scene-node'
import { pageOf } from '../page-of'
import { createImagePaint } from './create-image-paint'
import { deletedSkip, type Outcome } from './outcome'
import { takeFocus } from './selection-etiquette'

/**
 * The first image becomes the frame's only fill (FILL, covering it) and the source image, when it is a child of the
 * frame, is removed; both stay recoverable with one undo. The frame is selected when it is on the current page and
 * the user's selection has not moved on since the job started.
 */
export async function placeExpandAsync(
  images: readonly ImageBytes[],
  frameId: string,
  sourceId: string,
  focus: boolean,
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
  if (focus && pageOf(frame)?.id === figma.currentPage.id) takeFocus([frame], false)
  return { placed: [frame], skipped: [] }
}
