// Main thread: placement `fill`, for placeholders and other existing shapes.
import type { ImageBytes } from '../../shared/protocol/messages'
import { findSceneNodeAsync } from '../find-scene-node'
import { fillTarget } from '../selection/fill-target'
import { createImagePaint } from './create-image-paint'
import { deletedSkip, type Outcome } from './outcome'

/**
 * Image i becomes the FILL image of node i, on top of its other fills; only its previous image fills are replaced.
 * An instance gets it in its top rectangle or ellipse layer (an override), where it is seen. Targets deleted
 * while the job ran, or that cannot hold fills, are skipped; extra images are left unused.
 */
export async function placeFillAsync(images: readonly ImageBytes[], nodeIds: readonly string[]): Promise<Outcome> {
  const outcome: Outcome = { placed: [], skipped: [] }
  for (const [i, nodeId] of nodeIds.entries()) {
    const selected = await findSceneNodeAsync(nodeId)
    if (!selected) {
      outcome.skipped.push(deletedSkip(nodeId))
      continue
    }
    const node = fillTarget(selected)
    if (!('fills' in node)) {
      outcome.skipped.push({ nodeId, reason: `"${node.name}" cannot hold an image fill.` })
      continue
    }
    if (!images[i]) {
      outcome.skipped.push({ nodeId, reason: 'The job returned fewer images than there were targets.' })
      continue
    }
    const attempt = createImagePaint(images[i])
    if (!attempt.ok) {
      outcome.skipped.push({ nodeId, reason: attempt.reason })
      continue
    }
    const kept = Array.isArray(node.fills) ? (node.fills as readonly Paint[]).filter((p) => p.type !== 'IMAGE') : []
    node.fills = [...kept, attempt.paint]
    outcome.placed.push(selected)
  }
  return outcome
}
