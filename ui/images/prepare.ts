/**
 * UI (canvas): makes fetched result images acceptable to `figma.createImage`, which takes only PNG, JPEG or GIF
 * of at most 4096 px a side. Bytes that already qualify pass through untouched (no re-encoding loss); anything
 * else is redrawn on a canvas and re-encoded.
 */
import type { Size } from '../../shared/geometry/rect'
import { fitWithin } from '../../shared/geometry/cover'
import { imageInfo, type ImageInfo } from '../../shared/image/image-info'
import type { ImageBytes } from '../../shared/protocol/messages'
import { encodeCanvas, isOpaque, makeCanvas } from './canvas'

export const FIGMA_MAX_SIDE = 4096
/** Above this many pixels an opaque image is encoded as JPEG: a PNG of a photo that size runs to many MB. */
export const LARGE_PIXELS = 2_000_000

export interface PrepareOptions {
  maxSide?: number
  /** Upload limit when the result feeds another job (Kling: 10 MB). */
  maxBytes?: number
}

export type RedrawReason = 'too-large' | 'unsupported-type' | 'unknown-type' | 'too-many-bytes'
export type Preparation = { action: 'keep'; size: Size } | { action: 'redraw'; reason: RedrawReason }

/** Whether bytes can go to Figma as they are, and if not, why. Pure. */
export function planPreparation(info: ImageInfo | null, byteLength: number, options: PrepareOptions = {}): Preparation {
  const maxSide = options.maxSide ?? FIGMA_MAX_SIDE
  if (!info) return { action: 'redraw', reason: 'unknown-type' }
  if (info.format === 'webp') return { action: 'redraw', reason: 'unsupported-type' }
  if (Math.max(info.width, info.height) > maxSide) return { action: 'redraw', reason: 'too-large' }
  if (options.maxBytes !== undefined && byteLength > options.maxBytes) return { action: 'redraw', reason: 'too-many-bytes' }
  return { action: 'keep', size: { width: info.width, height: info.height } }
}

/** The canvas size for a redraw: within `maxSide`, and smaller still when only bytes are the problem. */
export function redrawSize(decoded: Size, byteLength: number, opaque: boolean, options: PrepareOptions = {}): Size {
  const fitted = fitWithin(decoded, options.maxSide ?? FIGMA_MAX_SIDE)
  if (options.maxBytes === undefined || byteLength <= options.maxBytes || opaque) return fitted
  // A transparent PNG cannot switch to JPEG: shrink its area in proportion to the excess, with some margin.
  const scale = Math.sqrt(options.maxBytes / byteLength) * 0.9
  return fitWithin(fitted, Math.max(fitted.width, fitted.height) * scale)
}

/** PNG keeps transparency and small images crisp; large opaque images become JPEG. Pure. */
export function chooseEncoding(size: Size, opaque: boolean, reason: RedrawReason): 'image/png' | 'image/jpeg' {
  if (!opaque) return 'image/png'
  if (reason === 'too-many-bytes') return 'image/jpeg'
  return size.width * size.height > LARGE_PIXELS ? 'image/jpeg' : 'image/png'
}

/** Browser only: returns PNG, JPEG or GIF bytes of at most `maxSide` a side, with their pixel size. */
export async function prepareImage(
  input: { bytes: Uint8Array; contentType?: string },
  options: PrepareOptions = {},
): Promise<ImageBytes> {
  const info = imageInfo(input.bytes)
  const plan = planPreparation(info, input.bytes.length, options)
  if (plan.action === 'keep') return { bytes: input.bytes, ...plan.size }

  const type = info?.content_type ?? input.contentType ?? ''
  const bitmap = await createImageBitmap(new Blob([input.bytes as BlobPart], type ? { type } : {}))
  try {
    const opaque = info?.format === 'jpeg' || isOpaque(bitmap)
    const size = redrawSize({ width: bitmap.width, height: bitmap.height }, input.bytes.length, opaque, options)
    const canvas = makeCanvas(size)
    const context = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null
    if (!context) throw new Error('Canvas 2D is not available')
    context.imageSmoothingQuality = 'high'
    context.drawImage(bitmap, 0, 0, size.width, size.height)
    const blob = await encodeCanvas(canvas, chooseEncoding(size, opaque, plan.reason))
    return { bytes: new Uint8Array(await blob.arrayBuffer()), ...size }
  } finally {
    bitmap.close()
  }
}
