/** Browser only. */
import { imageInfo } from '../../shared/image/image-info'
import type { ExportResult } from '../../shared/protocol/messages'
import { encodeCanvas, isOpaque, makeCanvas } from './canvas'

/** Below this a PNG reference is small enough to send as it is. */
const SMALL_PNG_BYTES = 512 * 1024

/**
 * The reference image as it will be uploaded. Main sends PNG whenever it cannot be sure a node is opaque, and
 * canvas and screenshot PNGs carry an alpha channel even when every pixel is solid; such a PNG is re-encoded as
 * JPEG (a 2048 px photo: ~6 MB → ~0.5 MB). Anything with real transparency stays PNG.
 */
export async function compactReference(image: ExportResult): Promise<ExportResult> {
  if (image.mime !== 'image/png' || image.bytes.length <= SMALL_PNG_BYTES) return image
  const bitmap = await createImageBitmap(new Blob([image.bytes as BlobPart], { type: 'image/png' }))
  try {
    if (!isOpaque(bitmap)) return image
    const canvas = makeCanvas({ width: bitmap.width, height: bitmap.height })
    const context = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null
    if (!context) return image
    context.drawImage(bitmap, 0, 0)
    const bytes = new Uint8Array(await (await encodeCanvas(canvas, 'image/jpeg')).arrayBuffer())
    const info = imageInfo(bytes)
    if (!info || bytes.length >= image.bytes.length) return image
    return { bytes, width: info.width, height: info.height, mime: 'image/jpeg' }
  } finally {
    bitmap.close()
  }
}
