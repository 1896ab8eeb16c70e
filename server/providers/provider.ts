/**
 * The one small interface every upstream sits behind. Adding a provider is one file implementing it, plus its
 * simulator and tests. Providers speak only in these neutral shapes; HTTP status codes and the public error
 * envelope are the routes' business.
 */
import type { ImageReference, Operation, ProviderName, RequestAspectRatio, Resolution, ResultType } from '../../shared/api/enums'
import type { Expansion, JobCost, ModelCapabilities, UnavailableOperation } from '../../shared/api/schemas'

/**
 * An input image as providers get it: raw base64 (no `data:` prefix), its type and pixel size read from its bytes,
 * and its R2 key (kept until the job ends, so a provider that fetches inputs by URL can be given a signed one).
 */
export interface InputImage {
  base64: string
  content_type: 'image/png' | 'image/jpeg'
  width: number
  height: number
  /** Where the bytes are kept while the job runs (`inputs/<job id>/<slot>`). */
  key: string
}

/**
 * What a job asks the provider to do, in the public API's own field names (api-contract.md), already checked
 * against the provider's capability map. Each provider maps it to its own wire format.
 */
export interface TaskInput {
  /** Our job id; sent upstream as the idempotent external task id. */
  jobId: string
  operation: Operation
  model: string
  /** Images per task; for a series, the number of images in the set (`series_amount`). */
  n: number
  prompt?: string
  negative_prompt?: string
  /** Absent where the model takes no ratio (expand, style transfer). `auto` only for omni. */
  aspect_ratio?: RequestAspectRatio
  /** Absent where the model takes no resolution (expand, style transfer, multi_reference). */
  resolution?: Resolution
  /** image_to_image and expand. */
  image?: InputImage
  image_reference?: ImageReference
  image_fidelity?: number
  human_fidelity?: number
  expansion?: Expansion
  /**
   * For providers that take images only by URL (`imageInput: 'url'`): a signed, short-lived `GET /v1/inputs/...`
   * URL of the Worker's own for each input, by its request field path (`image`, `images.0`, `subject_images.1`...).
   */
  inputUrls?: Record<string, string>
  /** multi_reference: 1 to 4 subjects, plus an optional scene and style image. */
  subject_images?: InputImage[]
  scene_image?: InputImage
  style_image?: InputImage
  /** omni: reference images in order; the prompt names them `<<<image_1>>>`... (each provider translates). */
  images?: InputImage[]
  /** omni: `series` with `series_amount` images, or `single` (absent = single). */
  result_type?: ResultType
  series_amount?: number
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
  operation: Operation
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

/**
 * The task a provider's webhook names, as the task id to record for the job. A seller whose adopted task cannot be
 * re-read (fal: its status URL came only with the lost submit answer) folds the webhook's outcome into the id, and
 * its `read` answers from it.
 */
export interface CallbackTask {
  taskId: string
}

export interface Provider {
  readonly name: ProviderName
  /** The model for `generate`, shown as `default_model`. */
  readonly defaultModel: string
  /**
   * True when `read` can find a task by our job id alone (Kling's `external_task_id`). The sellers cannot: after an
   * ambiguous submit only their webhook can name the task, and nothing is ever submitted twice.
   */
  readonly findsTasksByJobId: boolean
  /** How input images travel: inline base64, or URLs the provider downloads (then `TaskInput.inputUrls`). */
  readonly imageInput: 'inline' | 'url'
  /**
   * True when the provider calls our callback URL as a task changes (with PUBLIC_BASE_URL set): polling is then only
   * a safety net. PixelDojo documents no webhooks, so its tasks are polled as often as without callbacks.
   */
  readonly sendsCallbacks: boolean
  /** The model used per operation when a request names none; only operations the provider offers. */
  readonly defaultModels: Partial<Record<Operation, string>>
  /** Models and what each can do; the UI never hard-codes them. */
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
