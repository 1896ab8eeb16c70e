// Main thread: a node's box in page coordinates.
import type { Rect } from '../shared/geometry/rect'

/** The node's bounding box on the page (its bounding box when rotated), without shadows or strokes. */
export function absoluteRect(node: SceneNode): Rect {
  const box = node.absoluteBoundingBox
  if (box) return { x: box.x, y: box.y, width: box.width, height: box.height }
  const [[, , x], [, , y]] = node.absoluteTransform
  return { x, y, width: node.width, height: node.height }
}
