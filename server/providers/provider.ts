/**
 * The one small interface every upstream sits behind. Adding a provider is one file implementing it, plus its
 * simulator and tests. Providers speak only in these neutral shapes; HTTP status codes and the public error
 * envelope are the routes' business.
 */
import type { AspectRatio, ImageReference, ImplementedOperation, ProviderName, Resolution } from '../../shared/api/enums'
import type { Expansion, JobCost, ModelCapabilities, UnavailableOperation } from '../../shared/api/schemas'

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
  /**
   * For providers that take images only by URL (`imageInput: 'url'`): a signed, short-lived `GET /v1/inputs/...`
   * URL of the Worker's own for each input, by its request field path (`image`, `images.0`, `subject_images.1`...).
   */
  inputUrls?: Record<string, string>
  /** Where the provider should POST status changes, when the Worker has a public URL. */
  callbackUrl?: string
}

/** Where a task stands upstream. */
export type TaskState =
  | { state: 'queued' | 'running' }
  | { state: 'succeeded'; images: { index: number; url: string }[]; cost?: JobCost | null }
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
  /** Down, overloaded, or over its concurrency limit after the retries we allow ourselves. */
  | 'unavailable'
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

/** What a provider's webhook says: the task it names and, when the body carries it, the task's outcome. */
export interface CallbackTask {
  taskId: string
  state: TaskState | null
}

export interface Provider {
  readonly name: ProviderName
  readonly defaultModel: string
  /**
   * True when `read` can find a task by our job id alone (Kling's `external_task_id`). The sellers cannot: after an
   * ambiguous submit only their webhook can name the task, and nothing is ever submitted twice.
   */
  readonly findsTasksByJobId: boolean
  /** How input images travel: inline base64, or URLs the provider downloads (then `TaskInput.inputUrls`). */
  readonly imageInput: 'inline' | 'url'
  /** Models and what each can do right now; the UI never hard-codes them. */
  models(): ModelCapabilities[]
  /** Operations the provider would offer but cannot in this configuration, and why (shown in capabilities). */
  unavailable(): UnavailableOperation[]
  /** Facts about the seller account to show in capabilities (PixelDojo's remaining credits); null when none. */
  accountAsync(): Promise<{ credits_remaining: number } | null>
  /** The task a webhook body names, for adopting a task after an ambiguous submit; null when it names none. */
  callbackTask(body: unknown): CallbackTask | null
  /**
   * Creates the upstream task and returns its id. Retries what is safe to retry. When the outcome is ambiguous
   * (timeout, connection lost) it looks the task up by `jobId` instead of submitting twice.
   * Throws `ProviderError` for definite failures.
   */
  submit(input: TaskInput): Promise<{ taskId: string }>
  /** Reads a task; `null` when the provider has no such task (never created). Throws `ProviderError`. */
  read(ref: TaskRef): Promise<(TaskState & { taskId: string }) | null>
}
