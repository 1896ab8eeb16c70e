// Endpoint `loadPendingJobs`: jobs a previous session submitted in this document and did not place.
import type { PendingJob } from '../../shared/protocol/messages'
import { loadPendingJobsAsync } from '../pending-jobs'

export function loadPendingJobs(): Promise<PendingJob[]> {
  return loadPendingJobsAsync()
}
