import { describe, expect, it } from 'vitest'
import { ProviderError } from '../../server/providers/provider'
import { SELLER_SUBMIT_ATTEMPTS, SellerTransportError, type SellerReply } from '../../server/providers/seller-http'
import { submitToSeller, type SubmitVerdict } from '../../server/providers/seller-submit'

const reply = (status: number): SellerReply => ({ status, headers: new Headers(), body: { status } })

/** A submit against scripted answers (a status per attempt, or 'lost'), recording the posts and sleeps. */
function scripted(answers: (number | 'lost')[], verdict: (reply: SellerReply) => SubmitVerdict<string>) {
  const log = { posts: 0, sleeps: [] as number[] }
  const run = submitToSeller({
    label: 'Seller',
    sleep: async (ms) => void log.sleeps.push(ms),
    post: async () => {
      const answer = answers[log.posts++]
      if (answer === 'lost') throw new SellerTransportError('socket hang up')
      return reply(answer)
    },
    verdict,
    lost: () => new Error('may have started it'),
    failed: (failure) => new Error(`failed: ${failure}`),
  })
  return { run, log }
}

const byStatus = (reply: SellerReply): SubmitVerdict<string> =>
  reply.status === 200
    ? { queued: true, taskId: 'task-1' }
    : { queued: false, failure: `HTTP ${reply.status}`, again: reply.status === 429 || reply.status === 409, busy: reply.status === 429 }

describe('submitToSeller', () => {
  it('answers the task id of the first answer that queued it, after backing off between attempts', async () => {
    const { run, log } = scripted([429, 200], byStatus)
    await expect(run).resolves.toEqual({ taskId: 'task-1' })
    expect(log.posts).toBe(2)
    expect(log.sleeps).toHaveLength(1)
    expect(log.sleeps[0]).toBeGreaterThanOrEqual(200)
  })

  it('requeues (at_capacity) a seller still busy after the last attempt, and never fails the job for it', async () => {
    const { run, log } = scripted([429, 429, 429, 429], byStatus)
    const error = await run.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ProviderError)
    expect((error as ProviderError).reason).toBe('at_capacity')
    expect(log.posts).toBe(SELLER_SUBMIT_ATTEMPTS)
  })

  it('fails with the last refusal when retrying stops helping, without further attempts', async () => {
    const { run, log } = scripted([409, 400, 200], byStatus)
    await expect(run).rejects.toThrow('failed: HTTP 400')
    expect(log.posts).toBe(2)
  })

  it('never resubmits after a lost connection: the seller may have queued it', async () => {
    const { run, log } = scripted([429, 'lost', 200], byStatus)
    await expect(run).rejects.toThrow('may have started it')
    expect(log.posts).toBe(2)
  })

  it('passes on what the adapter throws for an ambiguous answer', async () => {
    const { run, log } = scripted([502, 200], () => {
      throw new Error('HTTP 502: may have started it')
    })
    await expect(run).rejects.toThrow('HTTP 502')
    expect(log.posts).toBe(1)
  })
})
