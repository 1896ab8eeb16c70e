/** Browser-only canvas helpers for decoding, checking and re-encoding images in the UI. */
import type { Size } from '../../shared/geometry/rect'

/** Draws the image small and looks for any transparent pixel: cheap, and a hole of 1/64 of a side shows up. */
export function isOpaque(bitmap: ImageBitmap): boolean {
  const side = 64
  const canvas = makeCanvas({ width: side, height: side })
  const context = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | null
  if (!context) return false
  context.drawImage(bitmap, 0, 0, side, side)
  const pixels = context.getImageData(0, 0, side, side).data
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] < 255) return false
  return true
}

export function makeCanvas(size: Size): HTMLCanvasElement | OffscreenCanvas {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(size.width, size.height)
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  return canvas
}

export function encodeCanvas(canvas: HTMLCanvasElement | OffscreenCanvas, type: string): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality: 0.92 })
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(`Could not encode ${type}`))), type, 0.92),
  )
}
