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
