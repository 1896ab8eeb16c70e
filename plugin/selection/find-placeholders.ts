// Main thread: which selected nodes are empty slots waiting for an image.
import { hasVisibleImage } from './image-fill'

const PLACEHOLDER_TYPES: readonly NodeType[] = ['FRAME', 'RECTANGLE', 'ELLIPSE']
/** Selecting one of these stands for selecting its direct children. */
const CONTAINER_TYPES: readonly NodeType[] = ['FRAME', 'SECTION', 'GROUP']

/**
 * Frames, rectangles and ellipses without a visible image, either selected themselves or direct children of a
 * selected frame, section or group, in selection order then layer order, each once. A frame that has children
 * is a container, not a placeholder; hidden nodes are never placeholders.
 */
export function findPlaceholders(selection: readonly SceneNode[]): SceneNode[] {
  const found: SceneNode[] = []
  const seen = new Set<string>()
  const consider = (node: SceneNode) => {
    if (seen.has(node.id) || !isPlaceholder(node)) return
    seen.add(node.id)
    found.push(node)
  }
  for (const node of selection) {
    if (isPlaceholder(node)) consider(node)
    else if (node.visible && CONTAINER_TYPES.includes(node.type) && 'children' in node) node.children.forEach(consider)
  }
  return found
}

function isPlaceholder(node: SceneNode): boolean {
  if (!node.visible || !PLACEHOLDER_TYPES.includes(node.type) || hasVisibleImage(node)) return false
  return !('children' in node) || node.children.length === 0
}
