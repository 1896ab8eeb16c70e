/**
 * The one small interface every upstream sits behind. Adding a provider is one file implementing it, plus its
 * simulator and tests. Providers speak only in these neutral shapes; HTTP status codes and the public error
 * envelope are the routes' business.
 */
import type { AspectRatio, ImageReference, ImplementedOperation, ProviderName, Resolution } from '../../shared/api/enums'
import type { Expansion, ModelCapabilities } from '../../shared/api/schemas'

/** What a job asks the provider to do. `image` is raw base64 (no `data:` prefix). */
export interface TaskInput {
  /** Our job id; sent upstream as the idempotent external task id. */
  jobId: string
  operation: ImplementedOperation
  model: string
  n: number
  prompt?: string
  negative_prompt?: string
  aspect_ratio?: AspectRatio
  resolution?: Resolution
  image?: string
  image_reference?: ImageReference
  image_fidelity?: number
  human_fidelity?: number
  expansion?: Expansion
  /** Where the provider should POST status changes, when the Worker has a public URL. */
  callbackUrl?: string
}

/** Where a task stands upstream. */
export type TaskState =
  | { state: 'queued' | 'running' }
  | { state: 'succeeded'; images: { index: number; url: string }[] }
  | { state: 'failed'; message: string; reason: ProviderFailure }

/** Identifies an upstream task: by its upstream id when we have one, else by our job id (external task id). */
export interface TaskRef {
  jobId: string
  operation: ImplementedOperation
  taskId: string | null
}

export type ProviderFailure =
  /** The owner's upstream balance or resource pack is exhausted. Never retried. */
  | 'insufficient_credits'
  /** The provider's content policy refused the prompt or image. */
  | 'content_rejected'
  /** The provider says our request was malformed: a bug on our side, reported as 502. */
  | 'rejected_request'
  /** Down or overloaded after the retries we allow ourselves. */
  | 'unavailable'
  /**
   * The seller account is over its concurrency limit (Kling 1302/1303) after the retries we allow ourselves.
   * Nothing was created. The job layer puts the task back at the head of its queue instead of failing the job.
   */
  | 'at_capacity'
  /** Our credentials were refused (after one re-sign); an operator must act. */
  | 'auth'
  /** The provider answered with something we cannot use. */
  | 'bad_response'
  /** The task failed upstream for its own reasons (task_status failed). */
  | 'task_failed'

export class ProviderError extends Error {
  constructor(
    readonly reason: ProviderFailure,
    message: string,
    /** Seconds a client should wait before retrying, for `unavailable`. */
    readonly retryAfter?: number,
    /**
     * True when a create request may have reached the provider and neither succeeded nor could be looked up
     * (every attempt lost its connection): the job must not be failed and refunded, only looked up again later.
     */
    readonly maybeCreated = false,
    /** The upstream's own code behind the failure (Kling's envelope code, else the HTTP status), for the request log. */
    readonly upstreamCode?: number | string,
  ) {
    super(message)
    this.name = 'ProviderError'
  }
}

export interface Provider {
  readonly name: ProviderName
  readonly defaultModel: string
  /** Models and what each can do; the UI never hard-codes them. */
  models(): ModelCapabilities[]
  /**
   * Creates the upstream task and returns its id. Retries what is safe to retry. When the outcome is ambiguous
   * (timeout, connection lost) it looks the task up by `jobId` instead of submitting twice.
   * Throws `ProviderError` for definite failures.
   */
  submit(input: TaskInput): Promise<{ taskId: string }>
  /** Reads a task; `null` when the provider has no such task (never created). Throws `ProviderError`. */
  read(ref: TaskRef): Promise<(TaskState & { taskId: string }) | null>
}
