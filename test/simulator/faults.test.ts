import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startKlingSimulator, type KlingSimulator } from './kling-simulator'
import { download, SimClient } from './fixtures/sim-client'

let sim: KlingSimulator
let client: SimClient

beforeAll(async () => {
  sim = await startKlingSimulator({ delayMs: 20 })
  client = new SimClient(sim.url)
})
afterAll(() => sim.close())
beforeEach(() => client.reset())

const body = { prompt: 'p', model_name: 'kling-v3' }

describe('faults (/__sim/config)', () => {
  it('create faults are answered FIFO instead of handling the request; nothing is created', async () => {
    await client.configure({ faults: { create: [{ status: 429, code: 1102 }, { status: 500, code: 5000, message: 'custom' }, { status: 429, code: 1303 }] } })
    const answers = [await client.create('generations', body), await client.create('expand', {}), await client.create('generations', body), await client.create('generations', body)]
    expect(answers.map((a) => [a.status, a.body.code, a.body.message])).toEqual([
      [429, 1102, 'Resource pack depleted or expired'],
      [500, 5000, 'custom'],
      [429, 1303, 'parallel task over resource pack limit'],
      [200, 0, 'SUCCEED'],
    ])
    expect(await client.tasks()).toHaveLength(1)
    expect((await client.stats()).creates).toEqual({ generations: 3, expand: 1, 'multi-image2image': 0, 'omni-image': 0 })
  })

  it('query faults are consumed by single-task GETs only', async () => {
    const id = await client.createOk('generations', body)
    await client.configure({ faults: { query: [{ status: 503, code: 5001 }, { status: 504, code: 5002 }] } })
    expect((await client.list('generations')).status).toBe(200)
    expect((await client.query('generations', id)).body.code).toBe(5001)
    expect((await client.query('generations', id)).status).toBe(504)
    expect((await client.query('generations', id)).status).toBe(200)
  })

  it('dropCreate creates the task but destroys the socket without an answer', async () => {
    await client.configure({ faults: { dropCreate: 1 } })
    await expect(client.create('generations', { ...body, external_task_id: 'lost-1' })).rejects.toThrow()
    const tasks = await client.tasks()
    expect(tasks.map((t) => t.external_task_id)).toEqual(['lost-1'])
    // The recovery path: look the task up by external_task_id.
    expect((await client.queryOk('generations', 'lost-1')).task_id).toBe(tasks[0].task_id)
    expect((await client.stats()).requests.find((r) => r.method === 'POST')?.status).toBe(0)
    // Only one: the next create answers normally (and a retry with the same id is refused as a duplicate).
    expect((await client.create('generations', { ...body, external_task_id: 'lost-1' })).body.code).toBe(1201)
    expect((await client.create('generations', body)).status).toBe(200)
  })

  it('failTasks fails the next N created tasks with failMessage (default "Image pixel is invalid")', async () => {
    await client.configure({ faults: { failTasks: 2 } })
    const ids = [await client.createOk('generations', body), await client.createOk('generations', body), await client.createOk('generations', body)]
    const [a, b, c] = await Promise.all([
      client.waitForStatus('generations', ids[0], 'failed'),
      client.waitForStatus('generations', ids[1], 'failed'),
      client.waitForStatus('generations', ids[2], 'succeed'),
    ])
    expect([a.task_status_msg, b.task_status_msg, c.task_status_msg]).toEqual(['Image pixel is invalid', 'Image pixel is invalid', ''])
    await client.configure({ faults: { failTasks: 1, failMessage: 'Custom failure' } })
    const d = await client.createOk('generations', body)
    expect((await client.waitForStatus('generations', d, 'failed')).task_status_msg).toBe('Custom failure')
  })

  it('cdn.failures: the next N image GETs answer 500', async () => {
    const id = await client.createOk('generations', body)
    await client.waitForStatus('generations', id, 'succeed')
    await client.configure({ faults: { cdn: { failures: 2 } } })
    const url = `${sim.url}/cdn/${id}/0.png`
    expect([(await download(url)).status, (await download(url)).status, (await download(url)).status]).toEqual([500, 500, 200])
    expect((await client.stats()).cdnGets).toBe(3)
  })

  it('cdn.delayMs slows every image GET', async () => {
    const id = await client.createOk('generations', body)
    await client.waitForStatus('generations', id, 'succeed')
    await download(`${sim.url}/cdn/${id}/0.png`) // warm the render cache
    await client.configure({ faults: { cdn: { delayMs: 150 } } })
    const started = Date.now()
    expect((await download(`${sim.url}/cdn/${id}/0.png`)).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('cdn.expireAfterMs: URLs answer 404 once that long past succeed', async () => {
    const id = await client.createOk('generations', body)
    const task = await client.waitForStatus('generations', id, 'succeed')
    const url = task.task_result.images?.[0]?.url ?? ''
    await client.configure({ faults: { cdn: { expireAfterMs: 60_000 } } })
    expect((await download(url)).status).toBe(200)
    // Checked at download time against the current setting, so the test need not race the clock.
    await client.configure({ faults: { cdn: { expireAfterMs: 1 } } })
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect((await download(url)).status).toBe(404)
    await client.configure({ faults: { cdn: { expireAfterMs: null } } })
    expect((await download(url)).status).toBe(200)
  })

  it('concurrency: the sum of n over unfinished tasks is limited (429/1303); slots free at the end', async () => {
    await client.reset({ delayMs: 60_000, concurrency: 5 })
    const first = await client.createOk('generations', { ...body, n: 4 })
    const over = await client.create('generations', { ...body, n: 2 })
    expect([over.status, over.body.code, over.body.message]).toEqual([429, 1303, 'parallel task over resource pack limit'])
    expect((await client.create('expand', { image: 'x' })).body.code).toBe(1201) // validation comes first
    await client.createOk('generations', { ...body, n: 1 })
    expect((await client.create('generations', body)).status).toBe(429)
    await client.finish(first)
    expect((await client.create('generations', { ...body, n: 4 })).status).toBe(200)
    await client.configure({ concurrency: null })
    expect((await client.create('generations', { ...body, n: 9 })).status).toBe(200)
  })

  it('reset clears faults, tasks and stats, and restores the startup config', async () => {
    await client.configure({ delayMs: 5, concurrency: 1, faults: { create: [{ status: 500, code: 5000 }], failTasks: 3, cdn: { failures: 1 } } })
    await client.reset()
    const config = (await client.admin<Record<string, unknown>>('GET', 'config')).body
    expect(config).toEqual({
      delayMs: 20,
      concurrency: null,
      faults: { create: [], query: [], dropCreate: 0, failTasks: 0, failMessage: 'Image pixel is invalid', cdn: { failures: 0, delayMs: 0, expireAfterMs: null } },
    })
    expect(await client.tasks()).toEqual([])
    expect((await client.stats()).requests).toEqual([])
  })
})
