// Main thread: which selected node an image-to-image job starts from.

/** Visible, with an area, and exportable. */
export function isExportable(node: SceneNode): boolean {
  return node.visible && node.width > 0 && node.height > 0 && 'exportAsync' in node
}

/** The first selected node that can be exported. */
export function findReference(selection: readonly SceneNode[]): SceneNode | null {
  return selection.find(isExportable) ?? null
}
