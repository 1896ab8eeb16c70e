import type { Rect, Size } from './rect'

/**
 * How an image covers a box without distortion (Figma's FILL): the uniform scale and the part of the image
 * that stays visible, centred, in image pixels.
 */
export function coverCrop(image: Size, box: Size): { scale: number; visible: Rect } {
  const scale = Math.max(box.width / image.width, box.height / image.height)
  const width = box.width / scale
  const height = box.height / scale
  return { scale, visible: { x: (image.width - width) / 2, y: (image.height - height) / 2, width, height } }
}

/** The largest size with the same proportions that fits within `max` on both sides (never upscales). */
export function fitWithin(size: Size, max: number): Size {
  const scale = Math.min(1, max / size.width, max / size.height)
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) }
}
