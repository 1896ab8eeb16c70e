// Main thread: which selected node an image-to-image job starts from.

/** The first selected node that can be exported: visible, with an area, and exportable. */
export function findReference(selection: readonly SceneNode[]): SceneNode | null {
  for (const node of selection) {
    if (node.visible && node.width > 0 && node.height > 0 && 'exportAsync' in node) return node
  }
  return null
}
