import type { Env } from '../env'
import { isTerminal } from './job-row'
import { getJobAsync } from './repository'
import { inputKey } from './submit'

/**
 * The one place `GET /v1/inputs/{token}` reaches the job store: the raw base64 of an input image of a job that is
 * still running, or null (no such job or owner, job ended, no such input). The input is kept in R2 while a job of
 * a URL-fetching provider runs (submit.ts), whatever the row's `has_input` says about resubmission. Kept small so that a change of job
 * store (Durable Objects) re-points this function only.
 */
export async function runningJobInputAsync(env: Env, target: { owner: string; jobId: string; slot: string }): Promise<string | null> {
  const row = await getJobAsync(env.DB, target.jobId, target.owner)
  if (!row || isTerminal(row.status) || target.slot !== 'image') return null
  const object = await env.IMAGES.get(inputKey(row.id))
  return object ? object.text() : null
}
