// Main thread: what the UI is told about a node.
import type { NodeSummary } from '../../shared/protocol/messages'
import { fillTarget } from './fill-target'
import { hasVisibleImage } from './image-fill'

export function summarizeNode(node: SceneNode): NodeSummary {
  return {
    id: node.id,
    name: node.name,
    type: node.type,
    width: node.width,
    height: node.height,
    // An instance shows its image in its top shape layer.
    hasImage: hasVisibleImage(fillTarget(node)),
  }
}
