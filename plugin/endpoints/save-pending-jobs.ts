// Endpoint `savePendingJobs`: merges a change into the current document's unfinished jobs (malformed entries dropped).
import type { PendingJobsUpdate } from '../../shared/protocol/messages'
import { updatePendingJobsAsync } from '../pending-jobs'

export function savePendingJobs(update: PendingJobsUpdate): Promise<void> {
  return updatePendingJobsAsync(update)
}
