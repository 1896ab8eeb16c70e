// Main thread: which layer an image goes into when a node is filled.

const SHAPES: readonly NodeType[] = ['RECTANGLE', 'ELLIPSE']

/**
 * The layer that shows an image put into `node`. For an instance, its topmost visible rectangle or ellipse (in
 * paint order): filling the instance itself would put the image behind that layer, out of sight, and a fill on
 * a layer inside an instance is an override Figma allows. Anything else (or an instance without such a layer)
 * takes the image itself.
 */
export function fillTarget(node: SceneNode): SceneNode {
  if (node.type !== 'INSTANCE') return node
  return topShape(node) ?? node
}

function topShape(node: SceneNode & ChildrenMixin): SceneNode | null {
  // Later children paint over earlier ones, and a child's own layers over what lies beneath it.
  for (let i = node.children.length - 1; i >= 0; i--) {
    const child = node.children[i]
    if (!child.visible) continue
    if (SHAPES.includes(child.type)) return child
    if ('children' in child) {
      const inner = topShape(child)
      if (inner) return inner
    }
  }
  return null
}
