import type { JobError } from '../../shared/api/schemas'
import { callbackTokenAsync } from '../auth/callback-token'
import { failureCode } from '../providers/failure-code'
import { ProviderError, type TaskInput } from '../providers/provider'
import type { JobDeps } from './job-deps'
import type { JobOptions, JobRow } from './job-row'
import { inputUrlsAsync } from './input-urls'
import { failJobAsync, recordTaskAsync } from './transitions'

/** R2 key of a job's input image (raw base64), kept until the provider has accepted the job. */
export const inputKey = (jobId: string) => `inputs/${jobId}`

export type SubmitOutcome =
  /** `row` is the job as left (null if it finished meanwhile); its lease is released when asked to. */
  | { kind: 'submitted'; row: JobRow | null }
  /** The provider may have the task; a later refresh looks it up by job id before submitting again. */
  | { kind: 'unknown' }
  /** A definite refusal: the job is now failed and refunded. */
  | { kind: 'refused'; error: ProviderError }

/**
 * Submits a job upstream and records the outcome. `image` is the raw base64 input, if the operation has one.
 * The caller holds the job's lease (taken at `row.lease_until`), so nobody else submits it meanwhile; with
 * `releaseLease`, a successful submission also releases it.
 */
export async function submitJobAsync(
  deps: JobDeps,
  row: JobRow,
  image: string | undefined,
  { releaseLease = false }: { releaseLease?: boolean } = {},
): Promise<SubmitOutcome> {
  try {
    const { taskId } = await deps.provider.submit(await taskInputAsync(deps, row, image))
    const recorded = await recordTaskAsync(deps.db, row.id, taskId, Date.now(), releaseLease ? row.lease_until : null)
    // A seller that fetches the input by URL does so while the task runs: keep it until the job ends.
    if (row.has_input && deps.provider.imageInput === 'inline') await deps.bucket.delete(inputKey(row.id))
    return { kind: 'submitted', row: recorded }
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error
    if (error.maybeCreated) return { kind: 'unknown' }
    await failJobAsync(deps.db, row.id, jobErrorFor(error), Date.now())
    return { kind: 'refused', error }
  }
}

/** `job.error` for a provider failure: the public code and the provider's reason in plain words. */
export function jobErrorFor(error: ProviderError): JobError {
  return { code: failureCode(error.reason), message: error.message }
}

async function taskInputAsync(deps: JobDeps, row: JobRow, image: string | undefined): Promise<TaskInput> {
  const options: JobOptions = row.options ? JSON.parse(row.options) : {}
  const { publicBaseUrl, callbackSecret } = deps.config
  return {
    jobId: row.id,
    operation: row.operation,
    model: row.model,
    n: row.n,
    prompt: row.prompt ?? undefined,
    negative_prompt: row.negative_prompt ?? undefined,
    aspect_ratio: (row.aspect_ratio ?? undefined) as TaskInput['aspect_ratio'],
    resolution: row.resolution ?? undefined,
    image,
    inputUrls: deps.provider.imageInput === 'url' && row.has_input ? await inputUrlsAsync(deps.config, row, ['image']) : undefined,
    ...options,
    expansion: row.expansion ? JSON.parse(row.expansion) : undefined,
    callbackUrl:
      publicBaseUrl && callbackSecret
        ? `${publicBaseUrl}/v1/callbacks/${row.provider}/${await callbackTokenAsync(row.id, callbackSecret)}`
        : undefined,
  }
}
