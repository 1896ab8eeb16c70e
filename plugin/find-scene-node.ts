// Main thread: finding a node again after an asynchronous wait.

/**
 * The scene node with this id, or null when it was deleted (or the id is not a scene node's). Uses
 * getNodeByIdAsync: the synchronous getNodeById throws under `documentAccess: "dynamic-page"`.
 */
export async function findSceneNodeAsync(id: string): Promise<SceneNode | null> {
  let node: BaseNode | null
  try {
    node = await figma.getNodeByIdAsync(id)
  } catch {
    return null
  }
  if (!node || node.removed || node.type === 'DOCUMENT' || node.type === 'PAGE') return null
  return node
}
