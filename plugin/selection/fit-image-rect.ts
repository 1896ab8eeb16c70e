// Main thread: where an image shown with scaleMode FIT sits inside its node.
import type { Rect } from '../../shared/geometry/rect'
import { topImagePaint } from './image-fill'

/** Gaps (bands, margins) thinner than this are rounding, not room to expand into. */
export const GAP_EPSILON = 0.5

/**
 * The rectangle (relative to the node's top-left) that the node's top image covers when it is shown FIT and
 * leaves bands on two sides; null when the top image is not FIT, fills the node anyway, or cannot be read.
 */
export async function fitImageRectAsync(node: SceneNode): Promise<Rect | null> {
  const paint = topImagePaint(node)
  if (!paint || paint.scaleMode !== 'FIT' || !paint.imageHash) return null
  const image = figma.getImageByHash(paint.imageHash)
  if (!image) return null
  const size = await image.getSizeAsync()
  if (!(size.width > 0 && size.height > 0)) return null
  // Quarter turns swap the image's sides.
  const turned = Math.abs((paint.rotation ?? 0) % 180) === 90
  const iw = turned ? size.height : size.width
  const ih = turned ? size.width : size.height
  const scale = Math.min(node.width / iw, node.height / ih)
  const width = iw * scale
  const height = ih * scale
  if (node.width - width < GAP_EPSILON && node.height - height < GAP_EPSILON) return null
  return { x: (node.width - width) / 2, y: (node.height - height) / 2, width, height }
}
