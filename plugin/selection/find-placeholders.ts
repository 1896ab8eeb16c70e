// Main thread: which selected nodes are empty slots waiting for an image.
import { fillTarget } from './fill-target'
import { hasVisibleImage } from './image-fill'

const PLACEHOLDER_TYPES: readonly NodeType[] = ['FRAME', 'RECTANGLE', 'ELLIPSE', 'INSTANCE']
/** Selecting one of these stands for selecting its direct children. */
const CONTAINER_TYPES: readonly NodeType[] = ['FRAME', 'SECTION', 'GROUP', 'COMPONENT']

/**
 * Frames, rectangles and ellipses without a visible image, and instances whose top rectangle or ellipse has
 * none (an "Image placeholder" component), either selected themselves or direct children of a selected frame,
 * section, group or component, in selection order then layer order, each once. A frame that has children is a
 * container, not a placeholder; hidden nodes are never placeholders.
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
  if (!node.visible || !PLACEHOLDER_TYPES.includes(node.type)) return false
  if (node.type === 'INSTANCE') {
    const target = fillTarget(node)
    return target !== node && !hasVisibleImage(target)
  }
  if (hasVisibleImage(node)) return false
  return !('children' in node) || node.children.length === 0
}
