import type { Env } from '../env'
import { ownerStub } from '../upstream/upstream-stub'
import { inputKey } from './job-inputs'

/**
 * The one place `GET /v1/inputs/{token}` reaches the job store: the raw base64 of one input image of a job that is
 * still running, or null (no such job or owner, job ended, no such input). The owner's object says whether the
 * job runs; R2 holds the bytes.
 */
export async function runningJobInputAsync(env: Env, target: { owner: string; jobId: string; slot: string }): Promise<string | null> {
  const slots = await ownerStub(env, target.owner).runningInputSlots(target.jobId)
  if (!slots || !slots.includes(target.slot)) return null
  const object = await env.IMAGES.get(inputKey(target.jobId, target.slot))
  return object ? object.text() : null
}
