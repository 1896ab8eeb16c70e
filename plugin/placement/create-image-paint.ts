// Main thread: turning image bytes into a FILL paint, with Figma's refusals as plain reasons.
import type { ImageBytes } from '../../shared/protocol/messages'

export type PaintAttempt = { ok: true; paint: ImagePaint } | { ok: false; reason: string }

/**
 * `figma.createImage` as a FILL paint (cover without distortion). createImage throws for anything but PNG, JPEG or
 * GIF, and for a side over 4096 px; that becomes `ok: false` with a reason a designer can act on.
 */
export function createImagePaint(image: ImageBytes): PaintAttempt {
  try {
    const { hash } = figma.createImage(image.bytes)
    return { ok: true, paint: { type: 'IMAGE', scaleMode: 'FILL', imageHash: hash } }
  } catch (error) {
    return { ok: false, reason: refusalReason(error, image) }
  }
}

function refusalReason(error: unknown, image: ImageBytes): string {
  const message = error instanceof Error ? error.message : String(error)
  if (/too large/i.test(message)) {
    return `The image is ${image.width}×${image.height} px; Figma takes at most 4096 px a side.`
  }
  if (/too small/i.test(message)) return 'The image is too small for Figma.'
  if (/unsupported/i.test(message)) return 'Figma takes only PNG, JPEG or GIF images.'
  return `Figma could not use the image (${message}).`
}
