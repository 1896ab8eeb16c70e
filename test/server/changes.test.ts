import { beforeEach, describe, expect, it } from 'vitest'
import { Changes } from '../../shared/api/schemas'
import { call, createJob, inOwner, resetWorld, simConfig, type Owner } from './helpers'

beforeEach(() => resetWorld({ delayMs: 60_000 }))

const changes = (query = '', as: Owner = 'alice') => call(`/v1/changes${query}`, { as })
const cancel = (id: string) => call(`/v1/jobs/${id}`, { method: 'DELETE' })
const generate = { operation: 'generate', prompt: 'a lighthouse' }

describe('GET /v1/changes', () => {
  it('without a cursor answers the unfinished jobs and the current cursor', async () => {
    const a = (await createJob(generate)).body
    const b = (await createJob(generate)).body
    await cancel(a.id)
    const reply = await changes()
    expect(reply.status).toBe(200)
    const body = Changes.parse(reply.body)
    expect(body.jobs.map((j) => j.id)).toEqual([b.id])
    expect(body.cursor).toMatch(/^[A-Za-z0-9_-]+$/)
  })

  it('answers each changed job once, in its latest state, oldest change first', async () => {
    const start = (await changes()).body.cursor
    const a = (await createJob(generate)).body
    const b = (await createJob(generate)).body
    await cancel(a.id)
    const reply = await changes(`?after=${start}`)
    expect(reply.body.jobs.map((j: { id: string; status: string }) => [j.id, j.status])).toEqual([
      [b.id, 'queued'],
      [a.id, 'canceled'],
    ])
    // From the cursor it returned, only what changes next.
    const next = reply.body.cursor
    expect((await changes(`?after=${next}`)).body).toEqual({ jobs: [], cursor: next })
    await cancel(b.id)
    expect((await changes(`?after=${next}`)).body.jobs.map((j: { id: string }) => j.id)).toEqual([b.id])
  })

  it('holds the request until a job changes', async () => {
    const job = (await createJob(generate)).body
    const cursor = (await changes()).body.cursor
    const waiting = changes(`?after=${cursor}&wait=10`)
    await new Promise((r) => setTimeout(r, 300))
    const started = Date.now()
    await cancel(job.id)
    const reply = await waiting
    expect(Date.now() - started).toBeLessThan(1000)
    expect(reply.body.jobs).toMatchObject([{ id: job.id, status: 'canceled' }])
  })

  it('answers an empty list and the same cursor when nothing changes within `wait`', async () => {
    const cursor = (await changes()).body.cursor
    const started = Date.now()
    const reply = await changes(`?after=${cursor}&wait=1`)
    expect(Date.now() - started).toBeGreaterThanOrEqual(900)
    expect(reply.body).toEqual({ jobs: [], cursor })
  })

  it("keeps owners apart: bob sees none of alice's jobs, and alice's cursor is unknown to bob", async () => {
    const bobStart = (await changes('', 'bob')).body.cursor
    const aliceStart = (await changes()).body.cursor
    await createJob(generate)
    expect((await changes(`?after=${bobStart}`, 'bob')).body.jobs).toEqual([])
    const reply = await changes(`?after=${aliceStart}`, 'bob')
    expect(reply.status).toBe(400)
    expect(reply.body.error.code).toBe('invalid_request')
  })

  it('answers 400 invalid_request for a cursor it never made, and validates wait', async () => {
    for (const query of ['?after=garbage', '?after=YzEuMDAwMDAwMDAwMDAwMDAwMC45OTk', '?wait=26', '?wait=soon', '?afterr=x']) {
      const reply = await changes(query)
      expect(reply.status, query).toBe(400)
      expect(reply.body.error.code).toBe('invalid_request')
      expect(reply.body.error.details[0].path).toBe(query.slice(1).split('=')[0])
    }
    expect((await call('/v1/changes', { as: null })).status).toBe(401)
  })

  it('touches no storage while a request waits: the object answers from memory and sleeps on its signal', async () => {
    await simConfig({ delayMs: 60_000 })
    const job = (await createJob(generate)).body
    const cursor = (await changes()).body.cursor
    // Past the object's first alarm, whose one-off check for slots a previous instance failed to give back reads once.
    await new Promise((r) => setTimeout(r, 1300))
    const before = await inOwner('alice', (mem) => mem.store.statements)
    // Two waiting requests for 2 s each, while the alarm reads the task upstream every second.
    const [single, feed] = await Promise.all([call(`/v1/jobs/${job.id}?wait=2`), changes(`?after=${cursor}&wait=2`)])
    expect(single.body.status).toBe('queued')
    expect(feed.body.jobs).toEqual([])
    expect(await inOwner('alice', (mem) => mem.store.statements)).toBe(before)
  })
})
