import { logEvent } from '../log'
import { ambiguousSubmit } from './ambiguous-submit'
import { APIMODELS_MODELS, APIMODELS_PREFERRED_MODELS } from './apimodels-models'
import { apimodelsBody, apimodelsTaskUrl, apimodelsUrl } from './apimodels-request'
import { apimodelsFailure, apimodelsTaskId, apimodelsTaskState, parseApimodelsEnvelope } from './apimodels-response'
import { ProviderError, type CallbackTask, type Provider, type ProviderFailure, type TaskInput, type TaskRef, type TaskState } from './provider'
import { SELLER_RETRY_AFTER_S, sellerRequestAsync, type SellerReply } from './seller-http'
import { submitToSeller } from './seller-submit'
import { UrlInputSeller } from './url-input-seller'

const LABEL = 'apimodels.app'

/**
 * apimodels.app (provider-docs/apimodels-kling-image.txt): one endpoint routed by `model`, `?task_id=` polling,
 * `{code, msg, data}` bodies, images by URL, and `callback_url` webhooks that name the task.
 */
export class ApimodelsProvider extends UrlInputSeller implements Provider {
  readonly name = 'apimodels'
  readonly defaultModel = APIMODELS_PREFERRED_MODELS.generate
  protected readonly label = LABEL
  protected readonly catalog = {
    entries: APIMODELS_MODELS,
    preferred: APIMODELS_PREFERRED_MODELS,
  }

  /**
   * 429 is a definite "not now": retried, then the task is requeued. A 5xx or a lost answer is ambiguous and never
   * resubmitted.
   */
  async submit(input: TaskInput): Promise<{ taskId: string }> {
    const body = apimodelsBody(input)
    return submitToSeller({
      label: LABEL,
      sleep: this.sleep,
      post: () => sellerRequestAsync(this.name, 'POST', apimodelsUrl(this.access.base), this.authorization, body),
      verdict: (reply) => {
        const envelope = parseApimodelsEnvelope(reply.body)
        if (reply.status >= 200 && reply.status < 300 && (envelope.code === null || envelope.code === 200)) {
          const taskId = apimodelsTaskId(envelope)
          if (!taskId) throw ambiguousSubmit(LABEL, input, 'its answer had no task id')
          return { queued: true, taskId }
        }
        if (reply.status >= 500) throw ambiguousSubmit(LABEL, input, `HTTP ${reply.status}`)
        const failure = apimodelsFailure(reply.status, envelope)
        const again = failure.reason === 'unavailable'
        return { queued: false, failure, again, busy: again && (reply.status === 429 || envelope.code === 429) }
      },
      lost: () => ambiguousSubmit(LABEL, input, 'the connection was lost'),
      failed: (failure) => this.error(failure),
    })
  }

  async read(ref: TaskRef): Promise<(TaskState & { taskId: string }) | null> {
    if (!ref.taskId) throw new ProviderError('bad_response', 'apimodels.app cannot look a task up without its id.')
    let reply: SellerReply
    try {
      reply = await sellerRequestAsync(this.name, 'GET', apimodelsTaskUrl(this.access.base, ref.taskId), this.authorization)
    } catch {
      throw new ProviderError('unavailable', 'apimodels.app could not be reached; try again shortly.', SELLER_RETRY_AFTER_S)
    }
    const envelope = parseApimodelsEnvelope(reply.body)
    if (reply.status === 404 || envelope.code === 404) return null
    if (reply.status >= 300 || (envelope.code !== null && envelope.code !== 200)) throw this.error(apimodelsFailure(reply.status, envelope))
    const state = apimodelsTaskState(envelope.data)
    if (!state) throw new ProviderError('bad_response', 'apimodels.app answered a task query with an unknown state.')
    return { taskId: ref.taskId, ...state }
  }

  /** The callback carries the query's body; only its task id is used (the task is re-read before anything changes). */
  callbackTask(body: unknown): CallbackTask | null {
    const taskId = apimodelsTaskId(parseApimodelsEnvelope(body))
    return taskId ? { taskId } : null
  }

  private get authorization(): string {
    return `Bearer ${this.access.apiKey}`
  }

  private error(failure: { reason: ProviderFailure; message: string }): ProviderError {
    const said = failure.message ? `: ${failure.message}` : ''
    logEvent('warn', 'apimodels_refused', { reason: failure.reason })
    switch (failure.reason) {
      case 'auth':
        return new ProviderError('auth', "apimodels.app refused this server's key (APIMODELS_API_KEY); the operator must check it.")
      case 'insufficient_credits':
        return new ProviderError('insufficient_credits', `apimodels.app refused the job: the account is out of credits${said}.`)
      case 'content_rejected':
        return new ProviderError('content_rejected', `apimodels.app's content policy refused this request${said}.`)
      case 'rejected_request':
        return new ProviderError('rejected_request', `apimodels.app rejected the request as invalid${said}.`)
      case 'unavailable':
        return new ProviderError('unavailable', `apimodels.app is busy or unavailable${said}; try again in a few seconds.`, SELLER_RETRY_AFTER_S)
      default:
        return new ProviderError('bad_response', `apimodels.app answered with something unusable${said}.`)
    }
  }
}
