import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startKlingSimulator, type KlingSimulator } from './kling-simulator'
import { buildPng, patternPixel } from './fixtures/build-png'
import { signKlingJwt } from './fixtures/sign-kling-jwt'
import { download, SimClient } from './fixtures/sim-client'

let sim: KlingSimulator
let client: SimClient

beforeAll(async () => {
  sim = await startKlingSimulator({ delayMs: 10 })
  client = new SimClient(sim.url)
})
afterAll(() => sim.close())
beforeEach(() => client.reset())

describe('admin API (/__sim/)', () => {
  it('stats count creates, queries, lists, CDN gets and auth failures, and keep the recent requests', async () => {
    const jwtClient = client.withToken(signKlingJwt())
    const id = await jwtClient.createOk('generations', { prompt: 'p', model_name: 'kling-v3' })
    await client.createOk('expand', { image: buildPng(300, 300, patternPixel).toString('base64'), up_expansion_ratio: 1 })
    await client.create('generations', { prompt: 'p', bogus: 1 })
    await client.waitForStatus('generations', id, 'succeed')
    await client.list('generations')
    await download(`${sim.url}/cdn/${id}/0.png`)
    await client.withToken(null).list('expand')
    const stats = await client.stats()
    expect(stats).toMatchObject({ creates: { generations: 2, expand: 1 }, lists: 1, cdnGets: 1, authFailures: 1 })
    expect(stats.queries).toBeGreaterThanOrEqual(1)
    const summary = stats.requests.map((r) => [r.method, r.path.replace(id, '{id}'), r.auth, r.status, r.code])
    expect(summary[0]).toEqual(['POST', '/v1/images/generations', 'jwt', 200, 0])
    expect(summary[1]).toEqual(['POST', '/v1/images/editing/expand', 'api_key', 200, 0])
    expect(summary[2]).toEqual(['POST', '/v1/images/generations', 'api_key', 400, 1201])
    expect(summary.slice(-3)).toEqual([
      ['GET', '/v1/images/generations', 'api_key', 200, 0],
      ['GET', '/cdn/{id}/0.png', 'none', 200, 0],
      ['GET', '/v1/images/editing/expand', 'none', 401, 1001],
    ])
    expect(stats.requests[1].body).toEqual({ image: expect.stringMatching(/^<base64 \d+ bytes>$/), up_expansion_ratio: 1 })
    expect(stats.requests[0].at).toBeGreaterThan(0)
  })

  it('keeps only the last 200 requests', async () => {
    for (let i = 0; i < 205; i++) await client.list('generations')
    const stats = await client.stats()
    expect(stats.lists).toBe(205)
    expect(stats.requests).toHaveLength(200)
  })

  it('tasks show endpoint, effective model, sanitized request, status, timestamps and callback_url', async () => {
    const id = await client.createOk('generations', { prompt: 'p', n: 3, callback_url: 'http://127.0.0.1:1/cb', external_task_id: 'e1' })
    await client.waitForStatus('generations', id, 'succeed')
    const [task] = await client.tasks()
    expect(task).toEqual({
      task_id: id,
      external_task_id: 'e1',
      endpoint: 'generations',
      model_name: 'kling-v1',
      model_name_defaulted: true,
      request: { prompt: 'p', n: 3, callback_url: 'http://127.0.0.1:1/cb', external_task_id: 'e1' },
      status: 'succeed',
      task_status_msg: '',
      n: 3,
      width: 1360,
      height: 768,
      created_at: expect.any(Number),
      updated_at: expect.any(Number),
      succeeded_at: expect.any(Number),
      callback_url: 'http://127.0.0.1:1/cb',
    })
  })

  it('rejects malformed config with 400 and applies nothing', async () => {
    for (const bad of [{ delayMs: -1 }, { concurrency: 'x' }, { faults: { create: [{ status: 500 }] } }, { faults: { cdn: { failures: 1.5 } } }, { delay: 5 }]) {
      const answer = await client.admin<{ error: string }>('POST', 'config', bad)
      expect(answer.status).toBe(400)
      expect(typeof answer.body.error).toBe('string')
    }
    expect((await client.admin<{ delayMs: number }>('GET', 'config')).body.delayMs).toBe(10)
    expect((await client.admin('GET', 'nothing')).status).toBe(404)
  })

  it('reset accepts a config body', async () => {
    await client.reset({ delayMs: 60_000, faults: { failTasks: 1 } })
    const id = await client.createOk('generations', { prompt: 'p', model_name: 'kling-v3' })
    expect((await client.finish(id)).status).toBe('failed')
  })

  it('other paths outside /v1, /cdn and /__sim are 404 envelopes', async () => {
    const response = await fetch(`${sim.url}/health`)
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ code: 1203 })
  })
})
