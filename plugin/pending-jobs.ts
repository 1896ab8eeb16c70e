// Main thread: jobs submitted but not yet placed, kept in figma.clientStorage so a reopened plugin can finish them.
import type { PendingJob, Placement } from '../shared/protocol/messages'

export const JOBS_KEY = 'jobs/v1'

/** The stored list with anything malformed dropped (older versions, a half-written value), never a failure. */
export function parsePendingJobs(stored: unknown): PendingJob[] {
  return Array.isArray(stored) ? stored.filter(isPendingJob) : []
}

export async function loadPendingJobsAsync(): Promise<PendingJob[]> {
  return parsePendingJobs(await figma.clientStorage.getAsync(JOBS_KEY))
}

export async function savePendingJobsAsync(jobs: PendingJob[]): Promise<void> {
  await figma.clientStorage.setAsync(JOBS_KEY, parsePendingJobs(jobs))
}

function isPendingJob(value: unknown): value is PendingJob {
  if (!isObject(value)) return false
  const { jobId, placement, meta, label, startedAt, remaining } = value
  return (
    typeof jobId === 'string' &&
    (remaining === undefined || (Array.isArray(remaining) && remaining.every(isExpansion))) &&
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
