import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startPixelDojoSimulator } from './pixeldojo-simulator'
import type { SellerSimulator } from './seller-simulator'

let sim: SellerSimulator
const KEY = 'pd-test-key'
const run = (body: unknown, auth = `Bearer ${KEY}`, model = 'kling-image') =>
  fetch(`${sim.url}/api/v1/models/${model}/run`, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
const job = (id: string) => fetch(`${sim.url}/api/v1/jobs/${id}`, { headers: { Authorization: `Bearer ${KEY}` } })
const admin = (path: string, body?: unknown) => fetch(sim.url + path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>)

beforeAll(async () => {
  sim = await startPixelDojoSimulator({ apiKey: KEY, delayMs: 60 })
})
afterAll(() => sim.close())
beforeEach(() => admin('/__sim/reset', { delayMs: 60, credits: 10 }))

describe('PixelDojo simulator', () => {
  it('answers its documented error table: 401, 400, 402, 404', async () => {
    expect(await (await run({ prompt: 'p' }, 'Bearer nope')).json()).toEqual({ error: 'Invalid or missing API key', code: 'unauthorized' })
    const bad = await run({ prompt: 'p', num_images: 2, resolution: '1k' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toMatch(/num_images: Extra inputs.*resolution: Input should be '1K', '2K'/)
    expect((await run({ prompt: 'p', num_outputs: 11 })).status).toBe(400)
    expect((await run({ prompt: 'p', num_outputs: 9 })).status).toBe(202)
    const poor = await run({ prompt: 'p', num_outputs: 2 })
    expect(poor.status).toBe(402)
    expect(await poor.json()).toMatchObject({ code: 'insufficient_credits' })
    expect((await run({ prompt: 'p' }, `Bearer ${KEY}`, 'flux')).status).toBe(404)
  })

  it('charges credits at submit, polls pending → completed with output.images URLs, refunds a failed job', async () => {
    await admin('/__sim/config', { delayMs: 300 })
    const submit = (await (await run({ prompt: 'p', num_outputs: 3, aspect_ratio: '16:9' })).json()) as Record<string, any>
    expect(submit).toMatchObject({ status: 'pending', creditCost: 3, creditsRemaining: 7, statusUrl: `${sim.url}/api/v1/jobs/${submit.jobId}` })
    expect(((await (await job(submit.jobId)).json()) as { status: string }).status).toBe('pending')
    await new Promise((r) => setTimeout(r, 400))
    const done = (await (await job(submit.jobId)).json()) as Record<string, any>
    expect(done).toMatchObject({ status: 'completed', creditCost: 3 })
    expect(done.output.images).toHaveLength(3)
    expect((await fetch(done.output.images[2])).headers.get('content-type')).toBe('image/png')
    const unsafe = (await (await run({ prompt: 'unsafe things' })).json()) as Record<string, any>
    expect(unsafe.creditsRemaining).toBe(6)
    await new Promise((r) => setTimeout(r, 400))
    expect(await (await job(unsafe.jobId)).json()).toMatchObject({ status: 'failed', error: 'Content policy violation' })
    expect((await admin('/__sim/config')).credits).toBe(7)
    expect((await job('job_nope')).status).toBe(404)
  })
})
