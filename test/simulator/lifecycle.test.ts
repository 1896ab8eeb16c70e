import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startKlingSimulator, type KlingSimulator } from './kling-simulator'
import { buildPng, patternPixel } from './fixtures/build-png'
import { SimClient } from './fixtures/sim-client'

let sim: KlingSimulator
let client: SimClient
const DELAY = 150

beforeAll(async () => {
  sim = await startKlingSimulator({ delayMs: DELAY })
  client = new SimClient(sim.url)
})
afterAll(() => sim.close())
beforeEach(() => client.reset())

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('task lifecycle (kling-upstream.md §3)', () => {
  it('create answers submitted; processing after ~delay/3; succeed at the delay with results', async () => {
    const before = Date.now()
    const created = await client.create('generations', { prompt: 'p', model_name: 'kling-v3', n: 2, external_task_id: 'ext-1' })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({ code: 0, message: 'SUCCEED', data: { task_status: 'submitted', task_info: { external_task_id: 'ext-1' } } })
    const data = created.body.data
    if (!data) throw new Error('no data')
    expect(data.task_id).toMatch(/^\d{16,20}$/)
    expect(data.created_at).toBeGreaterThanOrEqual(before)
    expect(data.created_at).toBeLessThanOrEqual(Date.now())
    expect(data.updated_at).toBe(data.created_at)

    const first = await client.queryOk('generations', data.task_id)
    expect(first).toMatchObject({ task_status: 'submitted', task_status_msg: '', final_unit_deduction: '0', task_result: {}, watermark_info: { enabled: false } })

    const processing = await client.waitForStatus('generations', data.task_id, 'processing')
    expect(processing.updated_at).toBeGreaterThanOrEqual(data.created_at + DELAY / 3 - 5)
    expect(processing.task_result).toEqual({})

    const done = await client.waitForStatus('generations', data.task_id, 'succeed')
    expect(done.updated_at - done.created_at).toBeGreaterThanOrEqual(DELAY - 5)
    expect(done.final_unit_deduction).toBe('2')
    expect(done.task_result.images).toEqual([
      { index: 0, url: `${sim.url}/cdn/${data.task_id}/0.png` },
      { index: 1, url: `${sim.url}/cdn/${data.task_id}/1.png` },
    ])
    const [admin] = await client.tasks()
    expect(admin.succeeded_at).toBe(done.updated_at)
  })

  it('queries by task_id or external_task_id; unknown ids and the other endpoint are 404/1203', async () => {
    const id = await client.createOk('generations', { prompt: 'p', model_name: 'kling-v3', external_task_id: 'mine' })
    expect((await client.queryOk('generations', 'mine')).task_id).toBe(id)
    for (const [endpoint, key] of [['generations', 'nope'], ['expand', id], ['expand', 'mine']] as const) {
      const answer = await client.query(endpoint, key)
      expect([answer.status, answer.body.code, answer.body.data]).toEqual([404, 1203, null])
    }
  })

  it('lists newest first with pageNum/pageSize, per endpoint', async () => {
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push(await client.createOk('generations', { prompt: `p${i}`, model_name: 'kling-v3' }))
    await client.createOk('expand', { image: buildPng(300, 300, patternPixel).toString('base64'), up_expansion_ratio: 0.5 })
    const all = await client.list('generations')
    expect(all.body.data?.map((task) => task.task_id)).toEqual([...ids].reverse())
    const page2 = await client.list('generations', '?pageNum=2&pageSize=2')
    expect(page2.body.data?.map((task) => task.task_id)).toEqual([ids[2], ids[1]])
    expect((await client.list('generations', '?pageNum=4&pageSize=2')).body.data).toEqual([])
    expect((await client.list('expand')).body.data).toHaveLength(1)
  })

  it.each(['pageNum=0', 'pageNum=1001', 'pageSize=0', 'pageSize=501', 'pageNum=abc', 'pageSize=2.5'])('list ?%s → 400/1201', async (query) => {
    const answer = await client.list('generations', `?${query}`)
    expect([answer.status, answer.body.code]).toEqual([400, 1201])
  })

  it('?external_task_id= on the list path looks one task up', async () => {
    await client.createOk('generations', { prompt: 'a', model_name: 'kling-v3', external_task_id: 'a-1' })
    const b = await client.createOk('generations', { prompt: 'b', model_name: 'kling-v3', external_task_id: 'b-1' })
    expect((await client.list('generations', '?external_task_id=b-1')).body.data?.map((task) => task.task_id)).toEqual([b])
    expect((await client.list('generations', '?external_task_id=zzz')).body).toMatchObject({ code: 0, data: [] })
  })

  it('a prompt with "unsafe" is accepted, then fails with the risk-control message (envelope still SUCCEED)', async () => {
    const id = await client.createOk('generations', { prompt: 'an unsafe scene', model_name: 'kling-v3' })
    await client.waitForStatus('generations', id, 'failed')
    const answer = await client.query('generations', id)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({
      code: 0,
      message: 'SUCCEED',
      data: { task_status: 'failed', task_status_msg: 'The content may violate the community guidelines (risk control triggered)', task_result: {}, final_unit_deduction: '0' },
    })
  })

  it('watermark_info.enabled adds watermark_url', async () => {
    const id = await client.createOk('generations', { prompt: 'p', model_name: 'kling-v3', watermark_info: { enabled: true } })
    const done = await client.waitForStatus('generations', id, 'succeed')
    expect(done.watermark_info).toEqual({ enabled: true })
    expect(done.task_result.images?.[0]).toEqual({ index: 0, url: `${sim.url}/cdn/${id}/0.png`, watermark_url: `${sim.url}/cdn/${id}/0-wm.png` })
  })

  it('/__sim/tasks/{id}/finish ends a task at once with its planned outcome, or the one asked', async () => {
    await client.configure({ delayMs: 60_000 })
    const ok = await client.createOk('generations', { prompt: 'p', model_name: 'kling-v3' })
    const bad = await client.createOk('generations', { prompt: 'unsafe', model_name: 'kling-v3' })
    const forced = await client.createOk('expand', { image: buildPng(300, 300, patternPixel).toString('base64') })
    const before = Date.now()
    expect((await client.finish(ok)).status).toBe('succeed')
    expect((await client.finish(bad)).status).toBe('failed')
    const failed = await client.finish(forced, { task_status: 'failed', task_status_msg: 'Image pixel is invalid' })
    expect([failed.status, failed.task_status_msg]).toEqual(['failed', 'Image pixel is invalid'])
    const okTask = await client.queryOk('generations', ok)
    expect(okTask.task_status).toBe('succeed')
    expect(okTask.updated_at).toBeGreaterThanOrEqual(before)
    const [admin] = await client.tasks()
    expect(admin.succeeded_at).toBe(okTask.updated_at)
    expect((await client.admin('POST', 'tasks/123/finish')).status).toBe(404)
  })

  it('delayMs set through /__sim/config applies to new tasks', async () => {
    await client.configure({ delayMs: 0 })
    const id = await client.createOk('generations', { prompt: 'p', model_name: 'kling-v3' })
    await sleep(20)
    expect((await client.queryOk('generations', id)).task_status).toBe('succeed')
  })

  it('unknown /v1 paths are 404/1203 and wrong methods 404/1202', async () => {
    expect((await client.call('GET', '/v1/images/kolors-virtual-try-on')).body.code).toBe(1203)
    expect((await client.call('DELETE', '/v1/images/generations')).body.code).toBe(1202)
    expect((await client.call('POST', '/v1/images/generations/123', {})).body.code).toBe(1202)
  })
})
