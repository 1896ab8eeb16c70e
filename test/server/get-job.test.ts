import { beforeEach, describe, expect, it } from 'vitest'
import { call, createJob, dbJob, env, getJob, resetWorld, simConfig, simStats, simTasks, usedToday } from './helpers'

beforeEach(() => resetWorld())

const generate = { operation: 'generate', prompt: 'a red bicycle' }

describe('GET /v1/jobs/{id}', () => {
  it('waits until the job succeeds, with the images copied to R2 and their sizes read from the bytes', async () => {
    const created = await createJob({ ...generate, aspect_ratio: '16:9', n: 2 })
    const reply = await getJob(created.body.id, 10)
    expect(reply.status).toBe(200)
    expect(reply.body.status).toBe('succeeded')
    expect(reply.body.images).toEqual([0, 1].map((index) => ({
      index,
      url: `http://kf.test/v1/jobs/${created.body.id}/images/${index}`,
      width: 1360,
      height: 768,
      content_type: 'image/png',
    })))
    const stored = await env.IMAGES.get(`jobs/${created.body.id}/1`)
    expect(stored?.httpMetadata?.contentType).toBe('image/png')
    expect(await env.IMAGES.head(`inputs/${created.body.id}`)).toBeNull()
    expect(await usedToday()).toBe(2)
  })

  it('answers at once without wait, and refreshes from upstream at most about once a second', async () => {
    await simConfig({ delayMs: 5000 })
    const created = await createJob(generate)
    const before = (await simStats()).queries
    const replies = await Promise.all([1, 2, 3, 4, 5, 6].map(() => getJob(created.body.id, 2)))
    for (const reply of replies) expect(['queued', 'running']).toContain(reply.body.status)
    const reads = (await simStats()).queries - before
    // Six waiters for 2 s share one read per second (plus one at the edges), not 6 × 20.
    expect(reads).toBeGreaterThanOrEqual(1)
    expect(reads).toBeLessThanOrEqual(4)
  })

  it('returns after `wait` seconds when the job is still running', async () => {
    await simConfig({ delayMs: 10_000 })
    const created = await createJob(generate)
    const started = Date.now()
    const reply = await getJob(created.body.id, 1)
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    expect(Date.now() - started).toBeLessThan(3000)
    expect(['queued', 'running']).toContain(reply.body.status)
  })

  it('fails the job with the provider reason when the task fails (envelope code 0), and refunds it', async () => {
    await simConfig({ faults: { failTasks: 1 } })
    const created = await createJob({ ...generate, n: 2 })
    const reply = await getJob(created.body.id, 10)
    expect(reply.body).toMatchObject({ status: 'failed', images: [], error: { code: 'upstream_error', message: 'Image pixel is invalid' } })
    expect(await usedToday()).toBe(0)
  })

  it('reports a risk-control failure as content_rejected', async () => {
    const created = await createJob({ ...generate, prompt: 'an unsafe scene' })
    const reply = await getJob(created.body.id, 10)
    expect(reply.body.status).toBe('failed')
    expect(reply.body.error.code).toBe('content_rejected')
    expect(reply.body.error.message.length).toBeGreaterThan(5)
  })

  it('retries a failed CDN download', async () => {
    await simConfig({ faults: { cdn: { failures: 2 } } })
    const created = await createJob(generate)
    const reply = await getJob(created.body.id, 10)
    expect(reply.body.status).toBe('succeeded')
    expect((await simStats()).cdnGets).toBeGreaterThanOrEqual(3)
  })

  it('fails the job when the result image has expired upstream', async () => {
    await simConfig({ faults: { cdn: { expireAfterMs: 0 } } })
    const created = await createJob(generate)
    await new Promise((r) => setTimeout(r, 400))
    const reply = await getJob(created.body.id, 10)
    expect(reply.body).toMatchObject({ status: 'failed', error: { code: 'upstream_error' } })
    expect(reply.body.error.message).toMatch(/no longer available/)
  })

  it('keeps polling through an upstream hiccup on the status read', async () => {
    await simConfig({ faults: { query: [{ status: 500, code: 5000 }] } })
    const created = await createJob(generate)
    const reply = await getJob(created.body.id, 15)
    expect(reply.body.status).toBe('succeeded')
  })

  it('validates wait', async () => {
    const created = await createJob(generate)
    for (const wait of ['26', '-1', 'soon']) {
      const reply = await call(`/v1/jobs/${created.body.id}?wait=${wait}`)
      expect(reply.status).toBe(400)
      expect(reply.body.error.details[0].path).toBe('wait')
    }
    const unknown = await call(`/v1/jobs/${created.body.id}?wiat=1`)
    expect(unknown.body.error.details).toEqual([{ path: 'wiat', message: 'unknown field' }])
  })

  it("answers 404 for another owner's job, an unknown id and a malformed id", async () => {
    const created = await createJob(generate)
    for (const [id, as] of [[created.body.id, 'bob'], ['job_00000000000000000000000000', 'alice'], ['nope', 'alice']] as const) {
      const reply = await getJob(id, 0, { as })
      expect(reply.status).toBe(404)
      expect(reply.body.error.code).toBe('not_found')
    }
  })

  it('answers 401 without a token', async () => {
    const created = await createJob(generate)
    expect((await getJob(created.body.id, 0, { as: null })).status).toBe(401)
  })

  it('a finished job is answered from D1 without touching upstream', async () => {
    const created = await createJob(generate)
    await getJob(created.body.id, 10)
    const before = (await simStats()).requests.length
    const reply = await getJob(created.body.id, 5)
    expect(reply.body.status).toBe('succeeded')
    expect((await simStats()).requests.length).toBe(before)
    expect((await dbJob(created.body.id))?.task_id).toBe((await simTasks())[0].task_id)
  })
})
