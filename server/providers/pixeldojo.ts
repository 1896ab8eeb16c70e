import type { SellerAccess } from '../config'
import { logEvent } from '../log'
import { ambiguousSubmit } from './ambiguous-submit'
import { modelCapabilities } from './model-capabilities'
import { PIXELDOJO_MODELS } from './pixeldojo-models'
import { pixelDojoJobUrl, pixelDojoRunBody, pixelDojoRunUrl } from './pixeldojo-request'
import { parsePixelDojoRun, pixelDojoFailure, pixelDojoJobState } from './pixeldojo-response'
import { ProviderError, type Provider, type ProviderFailure, type TaskInput, type TaskRef, type TaskState } from './provider'
import { SELLER_RETRY_AFTER_S, sellerRequestAsync, type SellerReply } from './seller-http'
import { submitToSeller } from './seller-submit'

const LABEL = 'PixelDojo'
/**
 * PixelDojo documents no webhooks: a submit whose outcome is unknown can never be adopted later, so it fails now
 * (refunded, saying so) even when the Worker has callbacks on for other sellers.
 */
const NO_WEBHOOKS = { callbackUrl: undefined }

/**
 * The account's balance as PixelDojo last reported it (`creditsRemaining` of a run), per API base. PixelDojo
 * documents no balance endpoint, so this is what the last job submitted through this Worker instance learnt.
 */
const lastCreditsRemaining = new Map<string, number>()

/** PixelDojo (provider-docs/pixeldojo-*.txt): run, then poll `/api/v1/jobs/{jobId}`. Text to image only. */
export class PixelDojoProvider implements Provider {
  readonly name = 'pixeldojo'
  readonly defaultModel = 'kling-v3'
  readonly defaultModels = { generate: 'kling-v3' }
  readonly findsTasksByJobId = false
  readonly sendsCallbacks = false
  readonly imageInput = 'inline'

  constructor(
    private readonly access: SellerAccess,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  models() {
    return PIXELDOJO_MODELS.map(modelCapabilities)
  }

  unavailable() {
    const reason = "PixelDojo's API documents text to image only."
    return (['image_to_image', 'expand', 'multi_reference', 'omni'] as const).map((operation) => ({ operation, reason }))
  }

  async accountAsync() {
    const credits = lastCreditsRemaining.get(this.access.base)
    return credits === undefined ? null : { credits_remaining: credits }
  }

  callbackTask() {
    // PixelDojo documents no webhooks.
    return null
  }

  /**
   * 429 is a definite "not now": retried, then the task is requeued. A 500 or a lost answer is ambiguous and never
   * resubmitted.
   */
  async submit(input: TaskInput): Promise<{ taskId: string }> {
    const body = pixelDojoRunBody(input)
    return submitToSeller({
      label: LABEL,
      sleep: this.sleep,
      post: () => sellerRequestAsync(this.name, 'POST', pixelDojoRunUrl(this.access.base), this.authorization, body),
      verdict: (reply) => {
        if (reply.status >= 200 && reply.status < 300) {
          const run = parsePixelDojoRun(reply.body)
          if (!run) throw ambiguousSubmit(LABEL, NO_WEBHOOKS, 'its answer had no job id')
          if (run.creditsRemaining !== null) lastCreditsRemaining.set(this.access.base, run.creditsRemaining)
          return { queued: true, taskId: run.jobId }
        }
        if (reply.status >= 500) throw ambiguousSubmit(LABEL, NO_WEBHOOKS, `HTTP ${reply.status}`)
        const busy = reply.status === 429
        return { queued: false, failure: pixelDojoFailure(reply.status, reply.body), again: busy, busy }
      },
      lost: () => ambiguousSubmit(LABEL, NO_WEBHOOKS, 'the connection was lost'),
      failed: (failure) => this.error(failure),
    })
  }

  async read(ref: TaskRef): Promise<(TaskState & { taskId: string }) | null> {
    if (!ref.taskId) throw new ProviderError('bad_response', 'PixelDojo cannot look a job up without its id.')
    let reply: SellerReply
    try {
      reply = await sellerRequestAsync(this.name, 'GET', pixelDojoJobUrl(this.access.base, ref.taskId), this.authorization)
    } catch {
      throw new ProviderError('unavailable', 'PixelDojo could not be reached; try again shortly.', SELLER_RETRY_AFTER_S)
    }
    if (reply.status === 404) return null
    if (reply.status >= 300) throw this.error(pixelDojoFailure(reply.status, reply.body))
    const state = pixelDojoJobState(reply.body)
    if (!state) throw new ProviderError('bad_response', 'PixelDojo answered a job poll with an unknown status.')
    return { taskId: ref.taskId, ...state }
  }

  private get authorization(): string {
    return `Bearer ${this.access.apiKey}`
  }

  private error(failure: { reason: ProviderFailure; message: string }): ProviderError {
    const said = failure.message ? `: ${failure.message}` : ''
    logEvent('warn', 'pixeldojo_refused', { reason: failure.reason })
    switch (failure.reason) {
      case 'auth':
        return new ProviderError('auth', "PixelDojo refused this server's key (PIXELDOJO_API_KEY); the operator must check it.")
      case 'insufficient_credits':
        return new ProviderError('insufficient_credits', `PixelDojo refused the job: the account is out of credits${said}.`)
      case 'content_rejected':
        return new ProviderError('content_rejected', `PixelDojo's content policy refused this request${said}.`)
      case 'rejected_request':
        return new ProviderError('rejected_request', `PixelDojo rejected the request as invalid${said}.`)
      case 'unavailable':
        return new ProviderError('unavailable', `PixelDojo is busy or unavailable${said}; try again in a few seconds.`, SELLER_RETRY_AFTER_S)
      default:
        return new ProviderError('bad_response', `PixelDojo answered with something unusable${said}.`)
    }
  }
}
