// Endpoint `place`: puts a finished job's images into the document as one undo step, and says what happened.
import type { PlaceRequest, PlaceResult } from '../../shared/protocol/messages'
import { markPlaced } from '../placement/mark-placed'
import type { Outcome } from '../placement/outcome'
import { placeBesideAsync } from '../placement/place-beside'
import { placeExpandAsync } from '../placement/place-expand'
import { placeFillAsync } from '../placement/place-fill'
import { placeNewFramesAsync } from '../placement/place-new-frames'
import { placeRowAsync } from '../placement/place-row'
import { mayTakeFocus } from '../placement/selection-etiquette'

/**
 * Places the images, selecting and scrolling to them only if the user's selection is what it was when the job
 * started. Says nothing itself: the panel tells the outcome of a whole batch of jobs in one notification.
 */
export async function place({ placement, meta, images }: PlaceRequest): Promise<PlaceResult> {
  let outcome: Outcome
  const focus = mayTakeFocus(placement.selectionAtStart)
  try {
    outcome = await placeByKindAsync(placement, images, meta, focus)
    for (const node of outcome.placed) markPlaced(node, meta)
  } finally {
    // Exactly one undo step per request, even when a placement failed half-way.
    figma.commitUndo()
  }
  return {
    placedNodeIds: outcome.placed.map((node) => node.id),
    skipped: outcome.skipped.map(({ nodeId, reason }) => ({ nodeId, reason })),
    focused: focus,
    ...(outcome.note ? { note: outcome.note } : {}),
  }
}

function placeByKindAsync(
  placement: PlaceRequest['placement'],
  images: PlaceRequest['images'],
  meta: PlaceRequest['meta'],
  focus: boolean,
): Promise<Outcome> {
  switch (placement.kind) {
    case 'new-frames':
      return placeNewFramesAsync(images, meta, placement.selectionAtStart, focus)
    case 'beside':
      return placeBesideAsync(images, placement.sourceId, meta, focus)
    case 'fill':
      return placeFillAsync(images, placement.nodeIds)
    case 'expand':
      return placeExpandAsync(images, placement.frameId, placement.sourceId, focus)
    case 'row':
      return placeRowAsync(images, placement.besideIds, placement.numbered, meta, focus)
  }
}
