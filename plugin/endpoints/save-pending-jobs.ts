// Endpoint `savePendingJobs`: replaces the stored list (the UI owns it; malformed entries are dropped).
import type { PendingJob } from '../../shared/protocol/messages'
import { savePendingJobsAsync } from '../pending-jobs'

export function savePendingJobs(jobs: PendingJob[]): Promise<void> {
  return savePendingJobsAsync(jobs)
}
