// Main thread: whether a node's export has no transparent pixel, decided conservatively from its properties.
import { imageIsOpaque } from './image-is-opaque'

const RECTANGULAR_TYPES: readonly NodeType[] = ['FRAME', 'COMPONENT', 'INSTANCE', 'RECTANGLE']

/**
 * True only when the node is certainly opaque across its whole box: a fully opaque, square-cornered, upright
 * rectangle or frame, without layer blur, with at least one visible fill that covers it opaquely (a solid, an
 * opaque gradient, or a FILL image whose file has no alpha). Anything uncertain answers false, which costs a PNG
 * instead of a JPEG but never turns transparency black.
 */
export async function nodeIsOpaqueAsync(node: SceneNode): Promise<boolean> {
  if (!RECTANGULAR_TYPES.includes(node.type) || !('fills' in node) || !Array.isArray(node.fills)) return false
  if ('opacity' in node && node.opacity !== 1) return false
  if ('rotation' in node && node.rotation % 90 !== 0) return false
  if ('cornerRadius' in node && node.cornerRadius !== 0) return false
  if ('effects' in node && node.effects.some((e) => e.visible && e.type === 'LAYER_BLUR')) return false
  for (const paint of node.fills as readonly Paint[]) {
    if (paint.visible === false || (paint.opacity ?? 1) < 1) continue
    if (paint.blendMode && paint.blendMode !== 'NORMAL' && paint.blendMode !== 'PASS_THROUGH') continue
    if (await paintIsOpaqueAsync(paint)) return true
  }
  return false
}

async function paintIsOpaqueAsync(paint: Paint): Promise<boolean> {
  switch (paint.type) {
    case 'SOLID':
      return true
    case 'GRADIENT_LINEAR':
    case 'GRADIENT_RADIAL':
    case 'GRADIENT_ANGULAR':
    case 'GRADIENT_DIAMOND':
      return paint.gradientStops.every((stop) => stop.color.a === 1)
    case 'IMAGE': {
      if (paint.scaleMode !== 'FILL' || !paint.imageHash) return false
      const image = figma.getImageByHash(paint.imageHash)
      return image ? imageIsOpaque(await image.getBytesAsync()) : false
    }
    default:
      return false
  }
}
