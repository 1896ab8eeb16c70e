import { describe, expect, test } from 'vitest'
import type { Changes, Job } from '../../../shared/api/schemas'
import { ApiError } from '../../../ui/api/api-error'
import { ChangeFeed, type ChangesApi } from '../../../ui/jobs/change-feed'
import { abortError } from '../../../ui/jobs/limiter'
import { makeJob } from '../fixtures'

/** A backend with a change sequence: `changes` long-polls until `change` is called or the signal aborts. */
class FeedBackend implements ChangesApi {
  readonly jobs = new Map<string, Job>()
  private log: { id: string; seq: number }[] = []
  private seq = 0
  private held: (() => void)[] = []
  open = 0
  maxOpen = 0
  feedCalls: (string | null)[] = []
  reads: string[] = []
  badCursorOnce = false
  /** Thrown by the next feed requests that carry a cursor, one each. */
  feedErrors: unknown[] = []

  add(id: string, status: Job['status'] = 'queued') {
    this.jobs.set(id, makeJob({ id, status }))
    this.log.push({ id, seq: ++this.seq })
  }

  change(id: string, patch: Partial<Job>) {
    Object.assign(this.jobs.get(id)!, patch)
    this.log.push({ id, seq: ++this.seq })
    const held = this.held
    this.held = []
    held.forEach((wake) => wake())
  }

  async getJob(id: string) {
    this.reads.push(id)
    const job = this.jobs.get(id)
    if (!job) throw new ApiError(404, 'not_found', 'No job with this id.')
    return { ...job }
  }

  async changes({ after, signal }: { after?: string | null; wait?: number; signal?: AbortSignal }): Promise<Changes> {
    this.feedCalls.push(after ?? null)
    if (!after) return { jobs: [...this.jobs.values()].filter((j) => j.status === 'queued' || j.status === 'running'), cursor: String(this.seq) }
    const error = this.feedErrors.shift()
    if (error) throw error
    if (this.badCursorOnce) {
      this.badCursorOnce = false
      throw new ApiError(400, 'invalid_request', 'The cursor is unknown or expired.')
    }
    this.maxOpen = Math.max(this.maxOpen, ++this.open)
    try {
      if (this.seq === Number(after)) {
        await new Promise<void>((resolve, reject) => {
          this.held.push(resolve)
          signal?.addEventListener('abort', () => reject(abortError()))
        })
      }
    } finally {
      this.open--
    }
    const ids = [...new Set(this.log.filter((e) => e.seq > Number(after)).map((e) => e.id))]
    return { jobs: ids.map((id) => ({ ...this.jobs.get(id)! })), cursor: String(this.seq) }
  }
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0))
}
let sleeps: number[] = []
const feedOn = (backend: FeedBackend) => {
  sleeps = []
  return new ChangeFeed(backend, {
    sleep: (ms, signal) => {
      sleeps.push(ms)
      return signal.aborted ? Promise.reject(abortError()) : Promise.resolve()
    },
    now: () => Date.now(),
  })
}
const offline = () => new ApiError(0, 'network_error', 'Failed to fetch')

describe('ChangeFeed', () => {
  test('watches many jobs through one long-poll, reporting each state until it is terminal', async () => {
    const backend = new FeedBackend()
    for (const id of ['a', 'b', 'c']) backend.add(id)
    const feed = feedOn(backend)
    const seen: string[] = []
    const done = ['a', 'b', 'c'].map((id) => feed.watch(id, (job) => seen.push(`${job.id}:${job.status}`), new AbortController().signal))
    await settle()
    backend.change('b', { status: 'running' })
    await settle()
    backend.change('a', { status: 'succeeded' })
    backend.change('b', { status: 'succeeded' })
    backend.change('c', { status: 'failed' })
    const jobs = await Promise.all(done)
    expect(jobs.map((j) => j.status)).toEqual(['succeeded', 'succeeded', 'failed'])
    expect(seen).toContain('b:running')
    expect(backend.maxOpen).toBe(1)
  })

  test('resolves a job that had already finished from its first read', async () => {
    const backend = new FeedBackend()
    backend.add('done', 'succeeded')
    const job = await feedOn(backend).watch('done', () => undefined, new AbortController().signal)
    expect(job.status).toBe('succeeded')
  })

  test('starts again without a cursor after a 400, and reads the jobs that finished meanwhile', async () => {
    const backend = new FeedBackend()
    backend.add('x')
    const feed = feedOn(backend)
    const done = feed.watch('x', () => undefined, new AbortController().signal)
    await settle()
    backend.badCursorOnce = true
    backend.change('x', { status: 'succeeded' })
    expect((await done).status).toBe('succeeded')
  })

  test('fails a watch on a job the backend does not know', async () => {
    const backend = new FeedBackend()
    await expect(feedOn(backend).watch('nope', () => undefined, new AbortController().signal)).rejects.toMatchObject({ code: 'not_found' })
  })

  test('frees its connection when nobody waits any more', async () => {
    const backend = new FeedBackend()
    backend.add('y')
    const controller = new AbortController()
    const done = feedOn(backend).watch('y', () => undefined, controller.signal)
    await settle()
    expect(backend.open).toBe(1)
    controller.abort()
    await expect(done).rejects.toMatchObject({ name: 'AbortError' })
    await settle()
    expect(backend.open).toBe(0)
  })

  test('a lost connection is retried for as long as someone watches: each stall is reported, then the recovery', async () => {
    const backend = new FeedBackend()
    backend.add('w')
    const stalls: string[] = []
    let recovered = 0
    const feed = feedOn(backend)
    backend.feedErrors = Array.from({ length: 15 }, offline)
    const done = feed.watch('w', { onUpdate: () => undefined, onStall: (e) => stalls.push((e as ApiError).code), onRecover: () => recovered++ }, new AbortController().signal)
    await settle()
    await settle()
    expect(stalls).toHaveLength(15)
    expect(new Set(stalls)).toEqual(new Set(['network_error']))
    // Capped backoff: 1, 2, 4, 8, then 10 s.
    expect(sleeps.slice(0, 6)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000])
    expect(Math.max(...sleeps)).toBe(10_000)
    backend.change('w', { status: 'succeeded' })
    expect((await done).status).toBe('succeeded')
    expect(recovered).toBe(1)
  })

  test('a refused token rejects every watcher at once; nothing more is asked with it', async () => {
    const backend = new FeedBackend()
    backend.add('p')
    backend.add('q')
    const feed = feedOn(backend)
    const signal = new AbortController().signal
    const watches = ['p', 'q'].map((id) => feed.watch(id, () => undefined, signal).catch((e: unknown) => e))
    await settle()
    const calls = backend.feedCalls.length
    backend.feedErrors = [new ApiError(401, 'unauthorized', 'Missing or unknown client token.')]
    backend.change('p', { status: 'running' })
    expect(await Promise.all(watches)).toEqual([expect.objectContaining({ status: 401 }), expect.objectContaining({ status: 401 })])
    await settle()
    expect(backend.feedCalls.length).toBe(calls + 1)
  })

  test('an answer that stays malformed is retried a few times, then reported', async () => {
    const backend = new FeedBackend()
    backend.add('m')
    const feed = feedOn(backend)
    const malformed = () => new ApiError(200, 'bad_response', "The backend's answer to /v1/changes was not understood (jobs: Invalid input).")
    backend.feedErrors = [malformed(), malformed(), malformed(), malformed()]
    const stalls: unknown[] = []
    const error = await feed.watch('m', { onUpdate: () => undefined, onStall: (e) => stalls.push(e) }, new AbortController().signal).catch((e: unknown) => e)
    expect(stalls).toHaveLength(3)
    expect(error).toMatchObject({ code: 'bad_response' })
  })
})
