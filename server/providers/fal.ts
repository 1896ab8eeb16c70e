import { logEvent } from '../log'
import { ambiguousSubmit } from './ambiguous-submit'
import { FAL_MODELS, FAL_PREFERRED_MODELS } from './fal-models'
import { falSubmitBody, falSubmitUrl } from './fal-request'
import { falFailure, falResultState, falTaskId, parseFalStatus, parseFalSubmit, parseFalTaskId } from './fal-response'
import { ProviderError, type CallbackTask, type Provider, type TaskInput, type TaskRef, type TaskState } from './provider'
import { SELLER_RETRY_AFTER_S, sellerRequestAsync, type SellerReply } from './seller-http'
import { submitToSeller } from './seller-submit'
import { UrlInputSeller } from './url-input-seller'

const LABEL = 'fal.ai'

/**
 * fal.ai's queue (kling-upstream.md §7.3): submit to `{FAL_QUEUE_BASE}/fal-ai/kling-image/<endpoint>` with
 * `Authorization: Key`, then follow the `status_url` and `response_url` the submit returned, exactly as returned
 * (they leave out the endpoint's sub-path; rebuilding them is fal-js issue #214). Images go by URL.
 */
export class FalProvider extends UrlInputSeller implements Provider {
  readonly name = 'fal'
  readonly defaultModel = FAL_PREFERRED_MODELS.generate
  protected readonly label = LABEL
  protected readonly catalog = {
    entries: FAL_MODELS,
    preferred: FAL_PREFERRED_MODELS,
    missing: [
      { operation: 'expand' as const, reason: 'fal.ai has no Kling expand endpoint.' },
      { operation: 'multi_reference' as const, reason: 'fal.ai has no Kling multi-image reference endpoint.' },
    ],
  }

  /**
   * fal answers a submit only after queueing it, so an error answer means nothing was queued: retried when fal
   * says it may be (`X-Fal-Retryable`); a 429 still there after the retries requeues the task. No answer at all is
   * ambiguous and never resubmitted.
   */
  async submit(input: TaskInput): Promise<{ taskId: string }> {
    const url = falSubmitUrl(this.access.base, input)
    const body = falSubmitBody(input)
    return submitToSeller({
      label: LABEL,
      sleep: this.sleep,
      post: () => sellerRequestAsync(this.name, 'POST', url, this.authorization, body),
      verdict: (reply) => {
        if (reply.status >= 200 && reply.status < 300) {
          // fal queued it: an answer we cannot use (cut short, or URLs off fal's site) leaves only its webhook.
          const ref = parseFalSubmit(reply.body, this.access.base)
          if (!ref) throw ambiguousSubmit(LABEL, input, 'its answer had no request id or no status URLs on its own site')
          return { queued: true, taskId: falTaskId(ref) }
        }
        const failure = falFailure(reply.status, reply.headers, reply.body)
        return { queued: false, failure, again: failure.retryable, busy: reply.status === 429 }
      },
      lost: () => ambiguousSubmit(LABEL, input, 'the connection was lost'),
      failed: (failure) => this.error(failure),
    })
  }

  async read(ref: TaskRef): Promise<(TaskState & { taskId: string }) | null> {
    const fal = ref.taskId ? parseFalTaskId(ref.taskId) : null
    const taskId = ref.taskId!
    if (fal?.outcome) return { taskId, ...fal.outcome }
    if (!fal?.status_url || !fal.response_url) {
      throw new ProviderError('bad_response', 'This fal.ai request has no status URL to follow.')
    }
    const status = await this.getAsync(fal.status_url)
    if (status.status === 404) return null
    if (status.status >= 300) throw this.error(falFailure(status.status, status.headers, status.body))
    const state = parseFalStatus(status.body)
    if (state === null) throw new ProviderError('bad_response', 'fal.ai answered a status request with an unknown status.')
    if (state !== 'completed') return { taskId, state }
    const result = await this.getAsync(fal.response_url)
    if (result.status >= 200 && result.status < 300) {
      // A result that is not JSON (cut short on the way) is read again, not taken for "no images".
      if (result.body === null) throw new ProviderError('unavailable', 'fal.ai sent a result that could not be read; reading it again.', SELLER_RETRY_AFTER_S)
      return { taskId, ...falResultState(result.body) }
    }
    const failure = falFailure(result.status, result.headers, result.body)
    // A failed request answers its result with the error; 5xx marked retryable is fal being down, not the task.
    if (failure.reason === 'unavailable' && failure.retryable) throw this.error(failure)
    if (failure.reason === 'auth') throw this.error(failure)
    return {
      taskId,
      state: 'failed',
      reason: failure.reason === 'content_rejected' ? 'content_rejected' : 'task_failed',
      message:
        failure.reason === 'content_rejected'
          ? `fal.ai's content policy refused this request${failure.message ? `: ${failure.message}` : ''}.`
          : `fal.ai could not generate this image${failure.message ? `: ${failure.message}` : ''}.`,
    }
  }

  /**
   * fal's webhook: `{request_id, gateway_request_id, status: "OK" | "ERROR", payload, error}`. Only used to adopt a
   * request whose submit answer was lost: the URL it arrives on is signed for this one job, and an adopted request
   * has no status URL to re-read, so its outcome (the payload) travels in the task id.
   */
  callbackTask(body: unknown): CallbackTask | null {
    const hook = (body ?? {}) as { request_id?: unknown; status?: unknown; payload?: unknown; error?: unknown }
    if (typeof hook.request_id !== 'string' || !hook.request_id) return null
    if (hook.status === 'OK') return { taskId: falTaskId({ request_id: hook.request_id, outcome: falResultState(hook.payload) }) }
    if (hook.status !== 'ERROR') return null
    const failure = falFailure(422, new Headers(), hook.payload)
    const said = failure.message || (typeof hook.error === 'string' ? hook.error.slice(0, 300) : '')
    const outcome: TaskState = {
      state: 'failed',
      reason: failure.reason === 'content_rejected' ? 'content_rejected' : 'task_failed',
      message: `fal.ai could not generate this image${said ? `: ${said}` : ''}.`,
    }
    return { taskId: falTaskId({ request_id: hook.request_id, outcome }) }
  }

  private get authorization(): string {
    return `Key ${this.access.apiKey}`
  }

  private async getAsync(url: string): Promise<SellerReply> {
    try {
      return await sellerRequestAsync(this.name, 'GET', url, this.authorization)
    } catch {
      throw new ProviderError('unavailable', 'fal.ai could not be reached; try again shortly.', SELLER_RETRY_AFTER_S)
    }
  }

  private error(failure: ReturnType<typeof falFailure>): ProviderError {
    const said = failure.message ? `: ${failure.message}` : ''
    logEvent('warn', 'fal_refused', { reason: failure.reason })
    switch (failure.reason) {
      case 'auth':
        return new ProviderError('auth', "fal.ai refused this server's key (FAL_KEY); the operator must check it.")
      case 'insufficient_credits':
        return new ProviderError('insufficient_credits', `fal.ai refused the job: the account's balance is used up${said}.`)
      case 'content_rejected':
        return new ProviderError('content_rejected', `fal.ai's content policy refused this request${said}.`)
      case 'rejected_request':
        return new ProviderError('rejected_request', `fal.ai rejected the request as invalid${said}.`)
      case 'unavailable':
        return new ProviderError('unavailable', `fal.ai is busy or unavailable${said}; try again in a few seconds.`, SELLER_RETRY_AFTER_S)
      default:
        return new ProviderError('bad_response', `fal.ai answered with something unusable${said}.`)
    }
  }
}
