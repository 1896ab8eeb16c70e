import type { JobError } from '../../shared/api/schemas'
import { callbackTokenAsync } from '../auth/callback-token'
import { failureCode } from '../providers/failure-code'
import { ProviderError, type InputImage, type TaskInput } from '../providers/provider'
import { taskImages, type InputSlot } from './job-inputs'
import type { JobDeps } from './job-deps'
import type { JobOptions, JobRow } from './job-row'
import { endJobInputsAsync } from './end-job'
import { failJobAsync, recordTaskAsync } from './transitions'

export type SubmitOutcome =
  /** `row` is the job as left (null if it finished meanwhile); its lease is released when asked to. */
  | { kind: 'submitted'; row: JobRow | null }
  /** The provider may have the task; a later refresh looks it up by job id before submitting again. */
  | { kind: 'unknown' }
  /** A definite refusal: the job is now failed and refunded. */
  | { kind: 'refused'; error: ProviderError }

/**
 * Submits a job upstream and records the outcome. `inputs` are the job's input images by slot (job-inputs.ts); they
 * stay in R2 until the job ends.
 * The caller holds the job's lease (taken at `row.lease_until`), so nobody else submits it meanwhile; with
 * `releaseLease`, a successful submission also releases it.
 */
export async function submitJobAsync(
  deps: JobDeps,
  row: JobRow,
  inputs: Map<InputSlot, InputImage>,
  { releaseLease = false }: { releaseLease?: boolean } = {},
): Promise<SubmitOutcome> {
  try {
    const { taskId } = await deps.provider.submit(await taskInputAsync(deps, row, inputs))
    const recorded = await recordTaskAsync(deps.db, row.id, taskId, Date.now(), releaseLease ? row.lease_until : null)
    return { kind: 'submitted', row: recorded }
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error
    if (error.maybeCreated) return { kind: 'unknown' }
    if (await failJobAsync(deps.db, row.id, jobErrorFor(error), Date.now())) await endJobInputsAsync(deps, row)
    return { kind: 'refused', error }
  }
}

/** `job.error` for a provider failure: the public code and the provider's reason in plain words. */
export function jobErrorFor(error: ProviderError): JobError {
  return { code: failureCode(error.reason), message: error.message }
}

async function taskInputAsync(deps: JobDeps, row: JobRow, inputs: Map<InputSlot, InputImage>): Promise<TaskInput> {
  const { inputs: _slots, ...options }: JobOptions = row.options ? JSON.parse(row.options) : {}
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
    ...taskImages(inputs),
    ...options,
    expansion: row.expansion ? JSON.parse(row.expansion) : undefined,
    callbackUrl:
      publicBaseUrl && callbackSecret
        ? `${publicBaseUrl}/v1/callbacks/${row.provider}/${await callbackTokenAsync(row.id, callbackSecret)}`
        : undefined,
  }
}
