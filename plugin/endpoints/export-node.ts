// Endpoint `exportNode`: a node's pixels for an image-to-image or expand job.
import { RemoteError } from '../../shared/protocol/channel'
import type { ExportResult } from '../../shared/protocol/messages'
import { exportNodeAsync } from '../export-node'
import { findSceneNodeAsync } from '../find-scene-node'

export async function exportNode(input: { nodeId: string; format?: 'auto' | 'png' }): Promise<ExportResult> {
  const node = await findSceneNodeAsync(input.nodeId)
  if (!node) throw new RemoteError('node_not_found', 'The layer to export no longer exists.')
  if (!(node.width > 0 && node.height > 0)) throw new RemoteError('empty_node', `"${node.name}" has no area to export.`)
  return exportNodeAsync(node, input.format)
}
