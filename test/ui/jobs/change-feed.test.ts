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
const feedOn = (backend: FeedBackend) =>
  new ChangeFeed(backend, { sleep: (_ms, signal) => (signal.aborted ? Promise.reject(abortError()) : Promise.resolve()), now: () => Date.now() })

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
})
