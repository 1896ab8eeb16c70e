// Main thread: export what the user sees of a node, sized and encoded for Kling.
import { LIMITS } from '../shared/api/limits'
import { REFERENCE_EXPORT_LIMITS } from '../shared/geometry/export-scale'
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
 * 10 MB. A node showing its image FIT exports the image alone, without the bands around it: that is the picture an
 * expand grows and a reference means. The pixel size is read from the bytes.
 */
export async function exportNodeAsync(node: SceneNode, format: 'auto' | 'png' = 'auto'): Promise<ExportResult> {
  const fit = await fitImageRectAsync(node)
  const subject = fit ? standInForImage(node, fit.width, fit.height) : node
  try {
    const jpeg = format === 'auto' && (await nodeIsOpaqueAsync(subject))
    let limits = REFERENCE_EXPORT_LIMITS
    for (let attempt = 0; ; attempt++) {
      const bytes = await subject.exportAsync({
        format: jpeg ? 'JPG' : 'PNG',
        constraint: exportConstraint(subject, limits),
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
  } finally {
    if (subject !== node) subject.remove()
  }
}

/** A temporary rectangle showing the node's top image, FILL, at the size the image appears inside the node. */
function standInForImage(node: SceneNode, width: number, height: number): RectangleNode {
  const paint = topImagePaint(node) as ImagePaint
  const stand = figma.createRectangle()
  stand.name = `${node.name} (export)`
  stand.resize(width, height)
  const fill: ImagePaint = { type: 'IMAGE', scaleMode: 'FILL', imageHash: paint.imageHash, rotation: paint.rotation ?? 0 }
  // Copy filters only when there are some: Figma validates paints strictly, so no key is set to undefined.
  stand.fills = [paint.filters ? { ...fill, filters: paint.filters } : fill]
  return stand
}
