import { ProviderError, type TaskInput } from './provider'
import { SELLER_RETRY_AFTER_S } from './seller-http'

/**
 * The sellers cannot look a task up by our job id, so a submit whose outcome is unknown (timeout, lost connection,
 * a server error after the request went out) is never sent again. With callbacks on, the job waits for the seller's
 * webhook to name the task (`maybeCreated`); otherwise it fails now, refunded, saying so plainly.
 */
export function ambiguousSubmit(seller: string, input: Pick<TaskInput, 'callbackUrl'>, what: string): ProviderError {
  if (input.callbackUrl) {
    return new ProviderError('unavailable', `${seller} did not confirm the job (${what}); waiting for its notification.`, SELLER_RETRY_AFTER_S, true)
  }
  return new ProviderError(
    'unavailable',
    `${seller} did not confirm the job (${what}). It may have started it anyway, so it was not sent again; your image budget was refunded. Try again in a moment.`,
    SELLER_RETRY_AFTER_S,
  )
}
