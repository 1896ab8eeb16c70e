// Main thread: the generation metadata every placed node carries.
import type { PlacementMeta } from '../../shared/protocol/messages'

/** Relaunch buttons (declared in manifest.json `relaunchButtons`) shown when a placed node is selected. */
export const RELAUNCH_DATA = {
  regenerate: 'Generate again with the same prompt',
  variations: 'More images like this',
}

/** Stores `meta` as pluginData (`prompt`, `model`, `jobId`, `operation`, `aspectRatio`) and sets relaunch data. */
export function markPlaced(node: SceneNode, meta: PlacementMeta): void {
  node.setPluginData('prompt', meta.prompt)
  node.setPluginData('model', meta.model)
  node.setPluginData('jobId', meta.jobId)
  node.setPluginData('operation', meta.operation)
  node.setPluginData('aspectRatio', meta.aspectRatio ?? '')
  node.setRelaunchData(RELAUNCH_DATA)
}
