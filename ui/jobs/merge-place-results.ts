import type { PlaceResult } from '../../shared/protocol/messages'

/**
 * One result for a job whose images were placed in several placements (each its own undo step): what was placed
 * and skipped in index order, focused only if every placement that placed something took focus, the first note.
 * Pure.
 */
export function mergePlaceResults(results: readonly PlaceResult[], extraSkipped: PlaceResult['skipped'] = []): PlaceResult {
  const note = results.find((r) => r.note)?.note
  return {
    placedNodeIds: results.flatMap((r) => r.placedNodeIds),
    skipped: [...results.flatMap((r) => r.skipped), ...extraSkipped],
    focused: results.every((r) => r.focused || r.placedNodeIds.length === 0),
    ...(note ? { note } : {}),
  }
}
