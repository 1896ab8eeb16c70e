// Main thread: jobs submitted but not yet placed, kept in figma.clientStorage so a reopened plugin can finish them.
import type { PendingJob, PendingJobsUpdate, Placement } from '../shared/protocol/messages'
import { documentId } from './document-id'

/**
 * One list per document: clientStorage is shared by every file, and node ids repeat across files, so a job kept
 * under one global key could land in another file (or in an unrelated node there with the same id). The old
 * global `jobs/v1` list is never read: nothing says which file its jobs belonged to.
 */
export function jobsKey(document: string = documentId()): string {
  return `jobs/v2/${document}`
}

/** The stored list with anything malformed dropped (older versions, a half-written value), never a failure. */
export function parsePendingJobs(stored: unknown): PendingJob[] {
  return Array.isArray(stored) ? stored.filter(isPendingJob) : []
}

/** This document's unfinished jobs. */
export async function loadPendingJobsAsync(): Promise<PendingJob[]> {
  return parsePendingJobs(await figma.clientStorage.getAsync(jobsKey()))
}

let writes: Promise<unknown> = Promise.resolve()

/**
 * Merges an update into this document's list by job id: `put` adds or replaces entries, `remove` drops them, and
 * every other entry stays (another window on the same file may have added it). Updates run one after another,
 * so two quick updates never read the same old list.
 */
export function updatePendingJobsAsync(update: PendingJobsUpdate): Promise<void> {
  const put = parsePendingJobs(update?.put)
  const remove = new Set(Array.isArray(update?.remove) ? update.remove.filter((id) => typeof id === 'string') : [])
  const key = jobsKey()
  const next = writes.then(async () => {
    const stored = parsePendingJobs(await figma.clientStorage.getAsync(key))
    const replaced = new Set(put.map((job) => job.jobId))
    const merged = [...stored.filter((job) => !remove.has(job.jobId) && !replaced.has(job.jobId)), ...put]
    if (merged.length === 0) await figma.clientStorage.deleteAsync(key)
    else await figma.clientStorage.setAsync(key, merged)
  })
  writes = next.catch(() => undefined)
  return next
}

function isPendingJob(value: unknown): value is PendingJob {
  if (!isObject(value)) return false
  const { jobId, placement, meta, label, startedAt, remaining, placed } = value
  return (
    typeof jobId === 'string' &&
    (remaining === undefined || (Array.isArray(remaining) && remaining.every(isExpansion))) &&
    (placed === undefined || (Array.isArray(placed) && placed.every((index) => Number.isInteger(index) && index >= 0))) &&
    typeof label === 'string' &&
    typeof startedAt === 'number' &&
    isPlacement(placement) &&
    isObject(meta) &&
    typeof meta.jobId === 'string' &&
    typeof meta.operation === 'string' &&
    typeof meta.prompt === 'string' &&
    typeof meta.model === 'string'
  )
}

function isPlacement(value: unknown): value is Placement {
  if (!isObject(value)) return false
  switch (value.kind) {
    case 'new-frames':
      return true
    case 'fill':
      return Array.isArray(value.nodeIds) && value.nodeIds.every((id) => typeof id === 'string')
    case 'beside':
      return typeof value.sourceId === 'string'
    case 'expand':
      return typeof value.frameId === 'string' && typeof value.sourceId === 'string'
    case 'row':
      return Array.isArray(value.besideIds) && value.besideIds.every((id) => typeof id === 'string') && typeof value.numbered === 'boolean'
    default:
      return false
  }
}

function isExpansion(value: unknown): boolean {
  return isObject(value) && ['top', 'bottom', 'left', 'right'].every((side) => typeof value[side] === 'number')
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}
