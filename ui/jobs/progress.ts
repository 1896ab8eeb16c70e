import type { JobState } from './job-state'
import type { JobEntry } from './runner'

/** For each node a fill job targets, the newest job that targets it (for per-frame progress). */
export function latestJobByNode(entries: readonly JobEntry[]): Map<string, JobEntry> {
  const byNode = new Map<string, JobEntry>()
  const newestFirst = [...entries].sort((a, b) => b.startedAt - a.startedAt)
  for (const entry of newestFirst) {
    const placement = entry.spec.placement
    if (placement.kind !== 'fill') continue
    for (const id of placement.nodeIds) if (!byNode.has(id)) byNode.set(id, entry)
  }
  return byNode
}

/**
 * A frame's own state within its job: a frame whose image is already placed is done while the job still places
 * the others (each image is placed as soon as its bytes arrive). Pure.
 */
export function frameState(entry: JobEntry, nodeId: string): JobState {
  const placement = entry.spec.placement
  if (entry.state !== 'placing' || placement.kind !== 'fill') return entry.state
  return entry.placed.includes(placement.nodeIds.indexOf(nodeId)) ? 'done' : entry.state
}
