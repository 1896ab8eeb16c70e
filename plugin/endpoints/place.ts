// Endpoint `place`: puts a finished job's images into the document as one undo step, and says what happened.
import type { PlaceRequest, PlaceResult } from '../../shared/protocol/messages'
import { notifyUser } from '../notify-user'
import { markPlaced } from '../placement/mark-placed'
import type { Outcome } from '../placement/outcome'
import { outcomeMessage } from '../placement/outcome-message'
import { placeBesideAsync } from '../placement/place-beside'
import { placeExpandAsync } from '../placement/place-expand'
import { placeFillAsync } from '../placement/place-fill'
import { placeNewFrames } from '../placement/place-new-frames'
import { placeRowAsync } from '../placement/place-row'

export async function place({ placement, meta, images }: PlaceRequest): Promise<PlaceResult> {
  let outcome: Outcome
  try {
    outcome = await placeByKindAsync(placement, images, meta)
    for (const node of outcome.placed) markPlaced(node, meta)
  } finally {
    // Exactly one undo step per request, even when a placement failed half-way.
    figma.commitUndo()
  }
  notifyUser(outcomeMessage(outcome), outcome.placed.length === 0)
  return {
    placedNodeIds: outcome.placed.map((node) => node.id),
    skipped: outcome.skipped.map(({ nodeId, reason }) => ({ nodeId, reason })),
  }
}

function placeByKindAsync(
  placement: PlaceRequest['placement'],
  images: PlaceRequest['images'],
  meta: PlaceRequest['meta'],
): Promise<Outcome> | Outcome {
  switch (placement.kind) {
    case 'new-frames':
      return placeNewFrames(images, meta)
    case 'beside':
      return placeBesideAsync(images, placement.sourceId, meta)
    case 'fill':
      return placeFillAsync(images, placement.nodeIds)
    case 'expand':
      return placeExpandAsync(images, placement.frameId, placement.sourceId)
    case 'row':
      return placeRowAsync(images, placement.besideIds, placement.numbered, meta)
  }
}
