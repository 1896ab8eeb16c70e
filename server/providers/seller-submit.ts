import { SELLER_SUBMIT_ATTEMPTS, sellerAtCapacity, sellerBackoffMs, SellerTransportError, type SellerReply } from './seller-http'

/** What one submit answer means, as a seller's adapter reads it. */
export type SubmitVerdict<F> = { queued: true; taskId: string } | SubmitRefusal<F>

/** Nothing was queued. `again`: the seller says a retry may help; `busy`: it is at the account's request limit. */
export interface SubmitRefusal<F> {
  queued: false
  failure: F
  again: boolean
  busy: boolean
}

export interface SellerSubmit<F> {
  label: string
  sleep(ms: number): Promise<void>
  /** Sends the submit once. */
  post(): Promise<SellerReply>
  /** Reads an answer. Throws (an `ambiguousSubmit`) for one that may mean the task was queued after all. */
  verdict(reply: SellerReply): SubmitVerdict<F>
  /** The error for a connection lost before any answer: the seller may have queued the task, so never resubmitted. */
  lost(): Error
  /** The job's error for the last refusal. */
  failed(failure: F): Error
}

/**
 * The sellers' submit loop: post, read the answer, and retry with backoff while the seller says it may help. A
 * refusal still "busy" after the last attempt requeues the task (as Kling's 1303) instead of failing the job.
 */
export async function submitToSeller<F>(submit: SellerSubmit<F>): Promise<{ taskId: string }> {
  let last: SubmitRefusal<F> | null = null
  for (let attempt = 0; attempt < SELLER_SUBMIT_ATTEMPTS; attempt++) {
    if (attempt > 0) await submit.sleep(sellerBackoffMs(attempt - 1))
    let reply: SellerReply
    try {
      reply = await submit.post()
    } catch (error) {
      if (error instanceof SellerTransportError) throw submit.lost()
      throw error
    }
    const verdict = submit.verdict(reply)
    if (verdict.queued) return { taskId: verdict.taskId }
    last = verdict
    if (!verdict.again) break
  }
  // SELLER_SUBMIT_ATTEMPTS >= 1: the loop read at least one refusal to get here.
  if (!last) throw new Error('submitToSeller: no answer was read')
  if (last.busy) throw sellerAtCapacity(submit.label)
  throw submit.failed(last.failure)
}
