// Main thread: which frame an "expand" job would fill, and where the image it grows from sits inside it.
import type { Rect, Size } from '../../shared/geometry/rect'
import type { ExpandTarget } from '../../shared/protocol/messages'
import { absoluteRect } from '../absolute-rect'
import { fitImageRectAsync, GAP_EPSILON } from './fit-image-rect'
import { hasVisibleImage } from './image-fill'

type FrameLike = FrameNode | ComponentNode

/**
 * The expand target of the first selected node that has one:
 * - an image node inside a larger frame: that parent frame;
 * - a frame holding exactly one image child smaller than itself;
 * - a frame (or rectangle) whose own image is shown FIT, leaving bands.
 * An image shown FIT counts only with the part of its node that the image covers.
 */
export async function findExpandTargetAsync(selection: readonly SceneNode[]): Promise<ExpandTarget | null> {
  for (const node of selection) {
    const target = await expandTargetOfAsync(node)
    if (target) return target
  }
  return null
}

async function expandTargetOfAsync(node: SceneNode): Promise<ExpandTarget | null> {
  if (!node.visible) return null
  const parent = node.parent
  if (parent && isFrameLike(parent) && hasVisibleImage(node)) {
    const target = await imageInFrameAsync(node, parent)
    if (target) return target
  }
  if (isFrameLike(node)) {
    const images = node.children.filter((child) => child.visible && hasVisibleImage(child))
    if (images.length === 1) {
      const target = await imageInFrameAsync(images[0], node)
      if (target) return target
    }
  }
  if (isFrameLike(node) || node.type === 'RECTANGLE') {
    const image = await fitImageRectAsync(node)
    if (image) return { sourceId: node.id, frameId: node.id, image, frame: sizeOf(node) }
  }
  return null
}

async function imageInFrameAsync(source: SceneNode, frame: FrameLike): Promise<ExpandTarget | null> {
  const outer = absoluteRect(frame)
  const box = absoluteRect(source)
  const shown = (await fitImageRectAsync(source)) ?? { x: 0, y: 0, width: box.width, height: box.height }
  const image: Rect = { x: box.x - outer.x + shown.x, y: box.y - outer.y + shown.y, width: shown.width, height: shown.height }
  const size = sizeOf(frame)
  if (!overlaps(image, size) || covers(image, size)) return null
  return { sourceId: source.id, frameId: frame.id, image, frame: size }
}

function isFrameLike(node: BaseNode): node is FrameLike {
  return node.type === 'FRAME' || node.type === 'COMPONENT'
}

function sizeOf(node: SceneNode): Size {
  return { width: node.width, height: node.height }
}

function overlaps(r: Rect, size: Size): boolean {
  return r.x < size.width && r.x + r.width > 0 && r.y < size.height && r.y + r.height > 0
}

function covers(r: Rect, size: Size): boolean {
  return (
    r.x <= GAP_EPSILON &&
    r.y <= GAP_EPSILON &&
    r.x + r.width >= size.width - GAP_EPSILON &&
    r.y + r.height >= size.height - GAP_EPSILON
  )
}
