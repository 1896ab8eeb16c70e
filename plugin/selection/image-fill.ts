// Main thread: reading a node's image fills.

/** The topmost visible IMAGE paint of a node's fills, or null (no fills, mixed fills, or no visible image). */
export function topImagePaint(node: BaseNode): ImagePaint | null {
  if (!('fills' in node) || !Array.isArray(node.fills)) return null
  const fills = node.fills as readonly Paint[]
  // Figma paints the last fill on top.
  for (let i = fills.length - 1; i >= 0; i--) {
    const paint = fills[i]
    if (paint.type === 'IMAGE' && paint.visible !== false && (paint.opacity ?? 1) > 0 && paint.imageHash) return paint
  }
  return null
}

export function hasVisibleImage(node: BaseNode): boolean {
  return topImagePaint(node) !== null
}
