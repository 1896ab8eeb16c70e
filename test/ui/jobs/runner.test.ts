import { beforeEach, describe, expect, test } from 'vitest'
import type { CreateJobRequest, Expansion, Job } from '../../../shared/api/schemas'
import type { PendingJob, PlaceRequest } from '../../../shared/protocol/messages'
import { RemoteError } from '../../../shared/protocol/channel'
import { ApiError } from '../../../ui/api/api-error'
import type { JobSpec } from '../../../ui/jobs/job-spec'
import { abortError } from '../../../ui/jobs/limiter'
import { JobRunner, type JobsApi } from '../../../ui/jobs/runner'
import { retryDelayMs } from '../../../ui/jobs/retry-delay'
import { imagesOf, makeJob, pngStub } from '../fixtures'

type Step = Partial<Job> | 'hold'

/** An in-memory backend: jobs advance by `script` on every GET; `hold` is a long poll that waits for `release`. */
class FakeBackend implements JobsApi {
  readonly jobs = new Map<string, Job>()
  readonly byKey = new Map<string, string>()
  readonly creates: { body: CreateJobRequest; key: string }[] = []
  readonly polls: string[] = []
  readonly cancels: string[] = []
  readonly fetches: string[] = []
  script: (job: Job, poll: number) => Step = (job) => ({ status: 'succeeded', images: imagesOf(job.id, job.n) })
  createErrors: unknown[] = []
  pollErrors: unknown[] = []
  /** Create the job, then lose the answer (the client sees a network error). */
  loseNextCreateAnswer = false
  createGate: Promise<void> | null = null
  private readonly pollCount = new Map<string, number>()
  private held: (() => void)[] = []

  async createJob(body: CreateJobRequest, { idempotencyKey }: { idempotencyKey: string }) {
    this.creates.push({ body, key: idempotencyKey })
    if (this.createGate) await this.createGate
    const error = this.createErrors.shift()
    if (error) throw error
    const known = this.byKey.get(idempotencyKey)
    if (known) return { job: { ...this.jobs.get(known)! }, created: false }
    const id = `job_${this.jobs.size + 1}`
    this.jobs.set(id, makeJob({ id, operation: body.operation, n: body.n ?? 1, prompt: body.prompt ?? null }))
    this.byKey.set(idempotencyKey, id)
    if (this.loseNextCreateAnswer) {
      this.loseNextCreateAnswer = false
      throw new ApiError(0, 'network_error', 'Failed to fetch')
    }
    return { job: { ...this.jobs.get(id)! }, created: true }
  }

  async getJob(id: string, { signal }: { wait?: number; signal?: AbortSignal }) {
    this.polls.push(id)
    const error = this.pollErrors.shift()
    if (error) throw error
    const job = this.jobs.get(id)
    if (!job) throw new ApiError(404, 'not_found', 'No such job.')
    const poll = (this.pollCount.get(id) ?? 0) + 1
    this.pollCount.set(id, poll)
    if (job.status === 'queued' || job.status === 'running') {
      const step = this.script(job, poll)
      if (step === 'hold') {
        job.status = 'running'
        await new Promise<void>((resolve, reject) => {
          signal?.addEventListener('abort', () => reject(abortError()))
          this.held.push(resolve)
        })
      } else Object.assign(job, step)
    }
    return { ...job }
  }

  /** Answers every held long poll with the job as it is now. */
  release() {
    const held = this.held
    this.held = []
    held.forEach((resolve) => resolve())
  }

  finish(id: string) {
    Object.assign(this.jobs.get(id)!, { status: 'succeeded', images: imagesOf(id, this.jobs.get(id)!.n) })
    this.release()
  }

  async cancelJob(id: string) {
    this.cancels.push(id)
    const job = this.jobs.get(id)!
    if (job.status === 'queued' || job.status === 'running') job.status = 'canceled'
    return { ...job }
  }

  /** Per URL: a gate the download waits on, and answers to give instead of the image (errors or other bytes). */
  readonly fetchGates = new Map<string, Promise<void>>()
  readonly fetchFaults = new Map<string, (ApiError | { bytes: Uint8Array; contentType: string })[]>()

  async fetchImage(url: string) {
    this.fetches.push(url)
    await this.fetchGates.get(url)
    const fault = this.fetchFaults.get(url)?.shift()
    if (fault instanceof ApiError) throw fault
    if (fault) return fault
    return { bytes: pngStub(1024, 1024, url.length), contentType: 'image/png' }
  }
}

const settle = async (turns = 30) => {
  for (let i = 0; i < turns; i++) await new Promise((r) => setTimeout(r, 0))
}

let backend: FakeBackend
let placed: PlaceRequest[]
let saved: PendingJob[][]
let stored: PendingJob[]
let placeError: Error | null
let concurrency: number
let prepareCalls: { maxBytes?: number }[]

function makeRunner(options: { step?: number; onSleep?: (ms: number) => void } = {}) {
  let id = 0
  let clock = Date.parse('2026-11-21T10:00:00.000Z')
  return new JobRunner({
    api: () => backend,
    place: async (request) => {
      if (placeError) throw placeError
      placed.push(request)
      return { placedNodeIds: request.images.map((_, i) => `p${i}`), skipped: [], focused: true }
    },
    savePending: ({ put, remove }) => {
      // The stored list as the main thread keeps it: merged by job id.
      const ids = new Set([...remove, ...put.map((p) => p.jobId)])
      stored = [...stored.filter((p) => !ids.has(p.jobId)), ...put]
      saved.push(stored)
    },
    prepare: async (image, options) => {
      prepareCalls.push(options ?? {})
      return { bytes: image.bytes, width: 10, height: 10 }
    },
    toBase64: (bytes) => `b64:${bytes.join('.')}`,
    newId: () => `id${++id}`,
    now: () => (clock += options.step ?? 1000),
    sleep: (ms, signal) => {
      options.onSleep?.(ms)
      return signal.aborted ? Promise.reject(abortError()) : Promise.resolve()
    },
    concurrency: () => concurrency,
  })
}

const spec = (over: Partial<JobSpec> = {}): JobSpec => ({
  label: 'a cat',
  detail: '1:1 · 1 new frame',
  placement: { kind: 'new-frames' },
  meta: { operation: 'generate', prompt: 'a cat', model: 'kling-v3', aspectRatio: '1:1' },
  request: { operation: 'generate', prompt: 'a cat', aspect_ratio: '1:1', n: 2 },
  ...over,
})

beforeEach(() => {
  backend = new FakeBackend()
  placed = []
  saved = []
  stored = []
  placeError = null
  concurrency = 6
  prepareCalls = []
})

describe('a job from submit to placed images', () => {
  test('creates with an idempotency key, polls, fetches every image, places them with the job id', async () => {
    const runner = makeRunner()
    runner.resume([])
    const states: string[] = []
    runner.subscribe((entries) => states.push(entries[0]?.state))
    const key = runner.submit(spec())
    await settle()

    expect(backend.creates).toEqual([{ body: spec().request, key: 'id2' }])
    expect(backend.polls).toEqual(['job_1'])
    expect(backend.fetches).toEqual(imagesOf('job_1', 2).map((i) => i.url))
    expect(placed).toHaveLength(1)
    expect(placed[0].placement).toEqual({ kind: 'new-frames' })
    expect(placed[0].meta).toEqual({ ...spec().meta, jobId: 'job_1' })
    expect(placed[0].images).toHaveLength(2)
    const [entry] = runner.snapshot()
    expect(entry).toMatchObject({ key, state: 'done', jobId: 'job_1', failure: null, result: { placedNodeIds: ['p0', 'p1'] } })
    expect(entry.endedAt! - entry.startedAt).toBeGreaterThan(0)
    expect([...new Set(states)]).toEqual(['queued', 'running', 'placing', 'done'])
  })

  test('is saved as pending while it runs and removed when placed', async () => {
    backend.script = () => 'hold'
    const runner = makeRunner()
    runner.resume([])
    runner.submit(spec())
    await settle()
    expect(saved.at(-1)).toEqual([
      { jobId: 'job_1', placement: { kind: 'new-frames' }, meta: { ...spec().meta, jobId: 'job_1' }, label: 'a cat', startedAt: expect.any(Number) },
    ])
    backend.finish('job_1')
    await settle()
    expect(saved.at(-1)).toEqual([])
  })

  test('saves nothing before the previous session’s jobs were read', async () => {
    backend.script = () => 'hold'
    const runner = makeRunner()
    runner.submit(spec())
    await settle()
    expect(saved).toEqual([])
    runner.resume([])
    expect(saved.at(-1)?.map((p) => p.jobId)).toEqual(['job_1'])
  })
})

describe('failures', () => {
  test('a job the provider refused fails with its reason; retry submits a new job with a new key', async () => {
    backend.script = (job) =>
      job.id === 'job_1' ? { status: 'failed', error: { code: 'content_rejected', message: 'Flagged.' } } : { status: 'succeeded', images: imagesOf(job.id, 1) }
    const runner = makeRunner()
    const key = runner.submit(spec())
    await settle()
    expect(runner.snapshot()[0]).toMatchObject({ state: 'failed', canRetry: true, failure: { code: 'content_rejected', message: 'Flagged.' } })
    expect(placed).toEqual([])

    runner.retry(key)
    await settle()
    expect(backend.creates.map((c) => c.key)).toEqual(['id2', 'id3'])
    expect(runner.snapshot()[0]).toMatchObject({ state: 'done', jobId: 'job_2', failure: null })
  })

  test('a lost or throttled create answer is retried with the same key: one job, not two', async () => {
    backend.loseNextCreateAnswer = true
    backend.createErrors = [undefined, new ApiError(503, 'upstream_unavailable', 'Busy', [], 1)]
    const runner = makeRunner()
    runner.submit(spec())
    await settle()
    expect(backend.creates.map((c) => c.key)).toEqual(['id2', 'id2', 'id2'])
    expect(backend.jobs.size).toBe(1)
    expect(runner.snapshot()[0].state).toBe('done')
  })

  test('a create refused for good fails at once, without repeats', async () => {
    backend.createErrors = [new ApiError(402, 'insufficient_credits', 'Budget used.')]
    const runner = makeRunner()
    runner.submit(spec())
    await settle()
    expect(backend.creates).toHaveLength(1)
    expect(runner.snapshot()[0]).toMatchObject({ state: 'failed', jobId: null, failure: { code: 'insufficient_credits', status: 402 } })
  })

  test('a lost connection never fails a job before its deadline: it stays running, says so, and goes on', async () => {
    const offline = () => new ApiError(0, 'network_error', 'Failed to fetch')
    backend.pollErrors = Array.from({ length: 12 }, offline)
    backend.script = (_job, poll) => (poll === 1 ? 'hold' : { status: 'succeeded', images: imagesOf('job_1', 2) })
    const sleeps: number[] = []
    const runner = makeRunner({ onSleep: (ms) => sleeps.push(ms) })
    runner.submit(spec())
    await settle()
    // Twelve failed polls in a row (more than the old limit of six), and still running: the stall is visible.
    expect(runner.snapshot()[0]).toMatchObject({ state: 'queued', failure: null, stall: { kind: 'offline', failure: { code: 'network_error' } } })
    expect(Math.max(...sleeps)).toBe(10_000)
    backend.release()
    await settle()
    expect(runner.snapshot()[0]).toMatchObject({ state: 'done', stall: null })
    expect(backend.jobs.size).toBe(1)
    expect(placed).toHaveLength(1)
  })

  test('past the job’s deadline a lost connection fails it; retry polls the same job again', async () => {
    backend.pollErrors = Array.from({ length: 1000 }, () => new ApiError(0, 'network_error', 'Failed to fetch'))
    backend.script = () => 'hold'
    const runner = makeRunner({ step: 60_000 })
    const key = runner.submit(spec())
    await settle(200)
    expect(runner.snapshot()[0]).toMatchObject({ state: 'failed', jobId: 'job_1', canRetry: true, stall: null, failure: { code: 'network_error' } })
    backend.pollErrors = []
    runner.retry(key)
    await settle()
    backend.finish('job_1')
    await settle()
    expect(backend.jobs.size).toBe(1)
    expect(runner.snapshot()[0].state).toBe('done')
  })

  test('a refused token stops every request until new settings come; then the job carries on', async () => {
    backend.pollErrors = [new ApiError(401, 'unauthorized', 'Missing or unknown client token.')]
    const runner = makeRunner()
    runner.submit(spec())
    await settle()
    const polls = backend.polls.length
    expect(runner.snapshot()[0]).toMatchObject({ state: 'queued', stall: { kind: 'auth', retryAt: null, failure: { code: 'unauthorized' } } })
    await settle()
    expect(backend.polls.length).toBe(polls)
    runner.reconnect()
    await settle()
    expect(runner.snapshot()[0]).toMatchObject({ state: 'done', stall: null })
    expect(backend.creates).toHaveLength(1)
  })

  test('an image that is not an image is retried, then reported by number; the others are placed once', async () => {
    const html = { bytes: new TextEncoder().encode('<html>Bad gateway</html>'), contentType: 'text/html' }
    const url = imagesOf('job_1', 2)[1].url
    backend.fetchFaults.set(url, [html, html, html, html])
    const runner = makeRunner()
    const key = runner.submit(spec({ placement: { kind: 'fill', nodeIds: ['a', 'b'] } }))
    await settle()
    expect(backend.fetches.filter((u) => u === url)).toHaveLength(4)
    expect(runner.snapshot()[0]).toMatchObject({
      state: 'failed',
      placed: [0],
      failure: { code: 'broken_image', message: 'Image 2 of 2 is not an image (text/html, 24 bytes).' },
    })
    expect(placed.map((p) => p.placement)).toEqual([{ kind: 'fill', nodeIds: ['a'] }])
    runner.retry(key)
    await settle()
    expect(placed.map((p) => p.placement)).toEqual([{ kind: 'fill', nodeIds: ['a'] }, { kind: 'fill', nodeIds: ['b'] }])
    expect(runner.snapshot()[0]).toMatchObject({ state: 'done', placed: [0, 1], result: { placedNodeIds: ['p0', 'p0'] } })
  })

  test('a cut-off image is never placed: the bytes must end as their format says', async () => {
    const url = imagesOf('job_1', 1)[0].url
    const whole = pngStub(1024, 1024, url.length)
    backend.fetchFaults.set(url, [{ bytes: whole.subarray(0, whole.length - 12), contentType: 'image/png' }])
    const runner = makeRunner()
    runner.submit(spec({ request: { operation: 'generate', prompt: 'a cat', n: 1 } }))
    await settle()
    expect(backend.fetches.filter((u) => u === url)).toHaveLength(2)
    expect(placed).toHaveLength(1)
    expect(placed[0].images[0].bytes).toEqual(whole)
  })

  test('a placement Figma refused fails as such; retry places the same job’s images again', async () => {
    placeError = new RemoteError('handler_failed', 'Image is too large')
    const runner = makeRunner()
    const key = runner.submit(spec())
    await settle()
    expect(runner.snapshot()[0]).toMatchObject({ state: 'failed', failure: { code: 'placement_failed', message: 'Image is too large' } })
    placeError = null
    runner.retry(key)
    await settle()
    expect(backend.creates).toHaveLength(1)
    expect(placed).toHaveLength(1)
    expect(runner.snapshot()[0].state).toBe('done')
  })

  test('no backend configured fails as not_connected', async () => {
    const runner = new JobRunner(runnerDepsWithoutApi())
    runner.submit(spec())
    await settle()
    expect(runner.snapshot()[0].failure?.code).toBe('not_connected')
  })
})

function runnerDepsWithoutApi() {
  return {
    api: () => null,
    place: async () => ({ placedNodeIds: [], skipped: [], focused: true }),
    savePending: () => undefined,
    prepare: async () => ({ bytes: new Uint8Array(), width: 1, height: 1 }),
    toBase64: () => '',
    newId: () => 'x',
    now: () => 0,
    sleep: async () => undefined,
    concurrency: () => 1,
  }
}

describe('cancel', () => {
  test('a running job is aborted and deleted on the backend; nothing is placed', async () => {
    backend.script = () => 'hold'
    const runner = makeRunner()
    runner.resume([])
    const key = runner.submit(spec())
    await settle()
    runner.cancel(key)
    await settle()
    expect(backend.cancels).toEqual(['job_1'])
    expect(runner.snapshot()[0]).toMatchObject({ state: 'canceled', canRetry: true })
    expect(placed).toEqual([])
    expect(saved.at(-1)).toEqual([])
  })

  test('a job still being created is deleted as soon as its id is known, and never polled', async () => {
    let open!: () => void
    backend.createGate = new Promise((resolve) => (open = resolve))
    const runner = makeRunner()
    const key = runner.submit(spec())
    await settle()
    runner.cancel(key)
    open()
    await settle()
    expect(backend.cancels).toEqual(['job_1'])
    expect(backend.polls).toEqual([])
    expect(runner.snapshot()[0].state).toBe('canceled')
  })

  test('a retried cancelled job is a new job', async () => {
    backend.script = (job) => (job.id === 'job_1' ? 'hold' : { status: 'succeeded', images: imagesOf(job.id, 1) })
    const runner = makeRunner()
    const key = runner.submit(spec())
    await settle()
    runner.cancel(key)
    runner.retry(key)
    await settle()
    expect(runner.snapshot()[0]).toMatchObject({ state: 'done', jobId: 'job_2' })
  })
})

test('no more than `concurrency` jobs run at once; the rest wait queued', async () => {
  concurrency = 2
  backend.script = () => 'hold'
  const runner = makeRunner()
  const keys = [runner.submit(spec()), runner.submit(spec()), runner.submit(spec())]
  await settle()
  expect(backend.creates).toHaveLength(2)
  expect(runner.snapshot().find((e) => e.key === keys[2])?.state).toBe('queued')
  backend.finish('job_1')
  await settle()
  expect(backend.creates).toHaveLength(3)
})

test('jobs left by a previous session are polled and placed where they were meant to go', async () => {
  const pending: PendingJob = {
    jobId: 'job_1',
    placement: { kind: 'fill', nodeIds: ['1:2', '1:3'] },
    meta: { jobId: 'job_1', operation: 'generate', prompt: 'Hero', model: 'kling-v3', aspectRatio: '16:9' },
    label: 'Hero',
    startedAt: 5,
  }
  backend.jobs.set('job_1', makeJob({ id: 'job_1', status: 'running', n: 2 }))
  const runner = makeRunner()
  runner.resume([pending])
  runner.resume([pending]) // a second call does not double it
  await settle()
  expect(backend.creates).toEqual([])
  // Image i into target i; images that are there at the same moment go in one placement.
  expect(placed).toEqual([expect.objectContaining({ placement: { kind: 'fill', nodeIds: ['1:2', '1:3'] }, meta: pending.meta })])
  expect(runner.snapshot()).toHaveLength(1)
  expect(runner.snapshot()[0]).toMatchObject({ state: 'done', startedAt: 5, spec: { label: 'Hero', detail: 'Resumed', request: null } })
})

test('a resumed job places only the images the closed plugin had not placed yet', async () => {
  const pending: PendingJob = {
    jobId: 'job_1',
    placement: { kind: 'fill', nodeIds: ['1:2', '1:3', '1:4'] },
    meta: { jobId: 'job_1', operation: 'generate', prompt: 'Hero', model: 'kling-v3' },
    label: 'Hero',
    startedAt: 5,
    placed: [0, 2],
  }
  backend.jobs.set('job_1', makeJob({ id: 'job_1', status: 'running', n: 3 }))
  const runner = makeRunner()
  runner.resume([pending])
  await settle()
  expect(placed.map((p) => p.placement)).toEqual([{ kind: 'fill', nodeIds: ['1:3'] }])
  expect(backend.fetches).toEqual([imagesOf('job_1', 3)[1].url])
})

test('into existing frames the first images are placed while a later one is still downloading', async () => {
  let open!: () => void
  const last = imagesOf('job_1', 3)[2].url
  backend.fetchGates.set(last, new Promise<void>((resolve) => (open = resolve)))
  const runner = makeRunner()
  runner.resume([])
  runner.submit(spec({ placement: { kind: 'fill', nodeIds: ['a', 'b', 'c'] }, request: { operation: 'generate', prompt: 'x', n: 3 } }))
  await settle()
  expect(placed.map((p) => p.placement)).toEqual([{ kind: 'fill', nodeIds: ['a', 'b'] }])
  expect(runner.snapshot()[0]).toMatchObject({ state: 'placing', placed: [0, 1], total: 3 })
  expect(stored[0]).toMatchObject({ jobId: 'job_1', placed: [0, 1] })
  open()
  await settle()
  expect(placed.map((p) => p.placement.kind === 'fill' && p.placement.nodeIds)).toEqual([['a', 'b'], ['c']])
  expect(runner.snapshot()[0].result).toMatchObject({ placedNodeIds: ['p0', 'p1', 'p0'], focused: true })
  expect(runner.snapshot()[0]).toMatchObject({ state: 'done', placed: [0, 1, 2] })
  expect(stored).toEqual([])
})

test('an expand chain feeds each pass’s image to the next and places only the last', async () => {
  const second: Expansion = { top: 0.2, bottom: 0.2, left: 0.3, right: 0.3 }
  const runner = makeRunner()
  runner.resume([])
  runner.submit(
    spec({
      placement: { kind: 'expand', frameId: 'f', sourceId: 's' },
      meta: { operation: 'expand', prompt: 'sea', model: '' },
      request: { operation: 'expand', prompt: 'sea', image: 'first', expansion: { top: 0.25, bottom: 0.25, left: 0.25, right: 0.25 } },
      chain: [second],
    }),
  )
  await settle()
  expect(backend.creates).toHaveLength(2)
  const fetched = imagesOf('job_1', 1)[0].url
  expect(backend.creates[1].body).toEqual({
    operation: 'expand',
    image: `b64:${pngStub(1024, 1024, fetched.length).join('.')}`,
    expansion: second,
    prompt: 'sea',
  })
  expect(backend.creates[1].key).not.toBe(backend.creates[0].key)
  expect(prepareCalls[0]).toEqual({ maxBytes: 10 * 1024 * 1024 })
  expect(placed).toHaveLength(1)
  expect(placed[0].meta.jobId).toBe('job_2')
  expect(runner.snapshot()[0]).toMatchObject({ state: 'done', step: 1, steps: 2 })
})

test('an expand chain is saved as pending with the passes still to run', async () => {
  const second: Expansion = { top: 1, bottom: 0, left: 0, right: 0 }
  backend.script = () => 'hold'
  const runner = makeRunner()
  runner.resume([])
  runner.submit(spec({ request: { operation: 'expand', image: 'a', expansion: { top: 1, bottom: 0, left: 0, right: 0 } }, chain: [second] }))
  await settle()
  expect(saved.at(-1)).toEqual([expect.objectContaining({ jobId: 'job_1', remaining: [second] })])

  backend.script = (job) => (job.id === 'job_2' ? 'hold' : { status: 'succeeded', images: imagesOf(job.id, 1) })
  backend.finish('job_1')
  await settle()
  const last = saved.at(-1)
  expect(last?.map((p) => p.jobId)).toEqual(['job_2'])
  expect(last?.[0]).not.toHaveProperty('remaining')
})

test('an expand chain resumed after a restart runs its remaining passes and places only the last', async () => {
  const second: Expansion = { top: 0.2, bottom: 0.2, left: 0.3, right: 0.3 }
  const pending: PendingJob = {
    jobId: 'job_1',
    placement: { kind: 'expand', frameId: 'f', sourceId: 's' },
    meta: { jobId: 'job_1', operation: 'expand', prompt: 'sea', model: '' },
    label: 'Expand',
    startedAt: 5,
    remaining: [second],
  }
  backend.jobs.set('job_1', makeJob({ id: 'job_1', operation: 'expand', status: 'running', n: 1 }))
  const runner = makeRunner()
  runner.resume([pending])
  await settle()
  expect(backend.creates).toHaveLength(1)
  expect(backend.creates[0].body).toMatchObject({ operation: 'expand', expansion: second, prompt: 'sea' })
  expect(placed).toHaveLength(1)
  expect(placed[0].meta.jobId).toBe('job_2')
  expect(runner.snapshot()[0]).toMatchObject({ state: 'done', step: 1, steps: 2 })
})

test.each([
  [1, null, 1000],
  [3, null, 4000],
  [5, null, 10000],
  [10, null, 10000],
  [1, 5, 5000],
  [1, 120, 30000],
])('retryDelayMs(attempt %d, Retry-After %s) = %d', (attempt, retryAfter, ms) => {
  expect(retryDelayMs(attempt, new ApiError(503, 'upstream_unavailable', '', [], retryAfter))).toBe(ms)
})
