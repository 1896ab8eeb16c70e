/**
 * Browser only: a node's pixels for a job, from the main thread's export. When main sends an image's original
 * file (a picture shown FIT: it reads the file instead of creating a layer to export), the panel draws it here at
 * the size and quarter turn it is shown at.
 */
import { imageInfo } from '../../shared/image/image-info'
import type { ExportResult } from '../../shared/protocol/messages'
import type { Bridge } from '../bridge'
import { encodeCanvas, isOpaque, makeCanvas } from './canvas'

export async function exportNodeImage(bridge: Bridge, nodeId: string, format?: 'auto' | 'png'): Promise<ExportResult> {
  const result = await bridge.call('exportNode', format ? { nodeId, format } : { nodeId })
  return result.draw ? drawExport(result, format ?? 'auto') : result
}

/** Draws the file turned by `draw.rotation` at width×height; JPEG when opaque (and allowed), else PNG. */
export async function drawExport(result: ExportResult, format: 'auto' | 'png'): Promise<ExportResult> {
  const rotation = result.draw?.rotation ?? 0
  const bitmap = await createImageBitmap(new Blob([result.bytes as BlobPart]))
  try {
    const canvas = makeCanvas({ width: result.width, height: result.height })
    const context = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null
    if (!context) throw new Error('Canvas 2D is not available')
    context.imageSmoothingQuality = 'high'
    context.translate(result.width / 2, result.height / 2)
    context.rotate((rotation * Math.PI) / 180)
    // Drawn in the image's own orientation: a quarter turn swaps the sides it covers.
    const turned = rotation === 90 || rotation === 270
    const w = turned ? result.height : result.width
    const h = turned ? result.width : result.height
    context.drawImage(bitmap, -w / 2, -h / 2, w, h)
    const jpeg = format === 'auto' && isOpaque(bitmap)
    const bytes = new Uint8Array(await (await encodeCanvas(canvas, jpeg ? 'image/jpeg' : 'image/png')).arrayBuffer())
    const info = imageInfo(bytes)
    return { bytes, width: info?.width ?? result.width, height: info?.height ?? result.height, mime: jpeg ? 'image/jpeg' : 'image/png' }
  } finally {
    bitmap.close()
  }
}
