// Main thread: export what the user sees of a node, sized and encoded for Kling.
import { LIMITS } from '../shared/api/limits'
import { exportScale, REFERENCE_EXPORT_LIMITS } from '../shared/geometry/export-scale'
import type { Rect } from '../shared/geometry/rect'
import { imageInfo } from '../shared/image/image-info'
import { RemoteError } from '../shared/protocol/channel'
import type { ExportResult } from '../shared/protocol/messages'
import { exportConstraint } from './export/export-constraint'
import { nodeIsOpaqueAsync } from './export/node-is-opaque'
import { fitImageRectAsync } from './selection/fit-image-rect'
import { topImagePaint } from './selection/image-fill'

/** Attempts at a smaller size when an export is over Kling's byte limit. */
const MAX_SHRINKS = 4

/**
 * Exports `node` with its long side at most 2048 px and its short side at least 300 px where possible, as JPEG
 * when the node is certainly opaque (else PNG; `format: 'png'` always PNG), re-exported smaller until it is under
 * 10 MB. A node showing its image FIT gives the image alone, without the bands around it (the picture an expand
 * grows and a reference means): its original file, read with getBytesAsync, for the panel to draw at the size
 * and turn it is shown at. No layer is ever created for an export. The pixel size is read from the bytes.
 */
export async function exportNodeAsync(node: SceneNode, format: 'auto' | 'png' = 'auto'): Promise<ExportResult> {
  const fit = await fitImageRectAsync(node)
  if (fit) return imageFileAsync(node, fit)
  const jpeg = format === 'auto' && (await nodeIsOpaqueAsync(node))
  let limits = REFERENCE_EXPORT_LIMITS
  for (let attempt = 0; ; attempt++) {
    const bytes = await node.exportAsync({
      format: jpeg ? 'JPG' : 'PNG',
      constraint: exportConstraint(node, limits),
      useAbsoluteBounds: true,
    })
    const info = imageInfo(bytes)
    if (!info || (info.format !== 'png' && info.format !== 'jpeg')) {
      throw new RemoteError('export_failed', `Figma exported "${node.name}" in a format Kling Frames cannot read.`)
    }
    if (bytes.length <= LIMITS.image_max_bytes) {
      return { bytes, width: info.width, height: info.height, mime: info.format === 'jpeg' ? 'image/jpeg' : 'image/png' }
    }
    if (attempt === MAX_SHRINKS) break
    // Bytes grow with the area, so shrink both sides by the square root of the overshoot, with some margin.
    const long = Math.max(info.width, info.height)
    const maxSide = Math.floor(long * Math.sqrt(LIMITS.image_max_bytes / bytes.length) * 0.9)
    limits = { minSide: Math.min(limits.minSide, maxSide), maxSide }
  }
  throw new RemoteError('export_too_large', `"${node.name}" stays over 10 MB even when exported smaller.`)
}

/**
 * The node's top image as its original file, with the pixel size and quarter turns the panel draws it at (the
 * size it shows in the node, scaled into the export limits). The panel re-encodes it, so its byte size does not
 * matter here.
 */
async function imageFileAsync(node: SceneNode, shown: Rect): Promise<ExportResult> {
  const paint = topImagePaint(node) as ImagePaint
  const image = paint.imageHash ? figma.getImageByHash(paint.imageHash) : null
  if (!image) throw new RemoteError('export_failed', `The image of "${node.name}" is not available.`)
  const bytes = await image.getBytesAsync()
  const info = imageInfo(bytes)
  if (!info || info.format === 'webp') {
    throw new RemoteError('export_failed', `The image of "${node.name}" is in a format Kling Frames cannot read.`)
  }
  const scale = exportScale(shown)
  return {
    bytes,
    width: Math.max(1, Math.round(shown.width * scale)),
    height: Math.max(1, Math.round(shown.height * scale)),
    mime: info.format === 'jpeg' ? 'image/jpeg' : 'image/png',
    draw: { rotation: ((((paint.rotation ?? 0) % 360) + 360) % 360) as 0 | 90 | 180 | 270 },
  }
}
