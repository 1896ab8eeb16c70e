import type { Env } from '../env'
import { inputSlots } from './end-job'
import { inputKey } from './job-inputs'
import { isTerminal } from './job-row'
import { getJobAsync } from './repository'

/**
 * The one place `GET /v1/inputs/{token}` reaches the job store: the raw base64 of one input image of a job that is
 * still running, or null (no such job or owner, job ended, no such input). Kept small so that a change of job
 * store (Durable Objects) re-points this function only.
 */
export async function runningJobInputAsync(env: Env, target: { owner: string; jobId: string; slot: string }): Promise<string | null> {
  const row = await getJobAsync(env.DB, target.jobId, target.owner)
  if (!row || isTerminal(row.status) || !inputSlots(row).includes(target.slot)) return null
  const object = await env.IMAGES.get(inputKey(row.id, target.slot))
  return object ? object.text() : null
}
