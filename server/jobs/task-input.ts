import type { JobError } from '../../shared/api/schemas'
import { callbackTokenAsync } from '../auth/callback-token'
import type { Config } from '../config'
import { failureCode } from '../providers/failure-code'
import type { InputImage, ProviderError, TaskInput } from '../providers/provider'
import { inputUrlsAsync } from './input-urls'
import { taskImages, type InputSlot } from './job-inputs'
import type { JobOptions, JobRow } from './job-row'

/** `job.error` for a provider failure: the public code and the provider's reason in plain words. */
export function jobErrorFor(error: ProviderError): JobError {
  return { code: failureCode(error.reason), message: error.message }
}

/**
 * What the provider is asked to create for one upstream task of `job`: `taskKey` is sent as the idempotent
 * external id (the job id for a job's first task), `n` is the task's share of the job's images.
 */
export async function taskInputAsync(
  config: Config,
  job: JobRow,
  task: { key: string; n: number },
  inputs: Map<InputSlot, InputImage>,
  imageInput: 'inline' | 'url' = 'inline',
): Promise<TaskInput> {
  const { inputs: _slots, ...options }: JobOptions = job.options ? JSON.parse(job.options) : {}
  const { publicBaseUrl, callbackSecret } = config
  return {
    jobId: task.key,
    operation: job.operation,
    model: job.model,
    n: task.n,
    prompt: job.prompt ?? undefined,
    negative_prompt: job.negative_prompt ?? undefined,
    aspect_ratio: (job.aspect_ratio ?? undefined) as TaskInput['aspect_ratio'],
    resolution: job.resolution ?? undefined,
    ...taskImages(inputs),
    inputUrls: imageInput === 'url' && inputs.size ? await inputUrlsAsync(config, job, [...inputs.keys()]) : undefined,
    ...options,
    expansion: job.expansion ? JSON.parse(job.expansion) : undefined,
    callbackUrl:
      publicBaseUrl && callbackSecret
        ? `${publicBaseUrl}/v1/callbacks/${job.provider}/${await callbackTokenAsync({ owner: job.owner, jobId: job.id }, callbackSecret)}`
        : undefined,
  }
}
