import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startApimodelsSimulator } from './apimodels-simulator'
import { pngServer, type PngServer } from './fixtures/png-server'
import type { SellerSimulator } from './seller-simulator'

let sim: SellerSimulator
let images: PngServer
const KEY = 'am-test-key'
const create = (body: unknown, auth = `Bearer ${KEY}`) =>
  fetch(`${sim.url}/api/v1/images/generations`, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
const query = (id: string) => fetch(`${sim.url}/api/v1/images/generations?task_id=${id}`, { headers: { Authorization: `Bearer ${KEY}` } })
const admin = (path: string, body?: unknown) => fetch(sim.url + path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>)

beforeAll(async () => {
  sim = await startApimodelsSimulator({ apiKey: KEY, delayMs: 60 })
  images = await pngServer()
})
afterAll(async () => {
  await sim.close()
  await images.close()
})
beforeEach(() => admin('/__sim/reset', { delayMs: 60 }))

describe('apimodels simulator', () => {
  it('answers errors as {code, msg, data: null}', async () => {
    expect(await (await create({ model: 'kling-v3-image', prompt: 'p' }, 'Bearer x')).json()).toEqual({ code: 401, msg: 'Unauthorized - Invalid API key', data: null })
    expect(await (await create({ model: 'kling-v9', prompt: 'p' })).json()).toMatchObject({ code: 400, data: null })
    expect((await query('nope')).status).toBe(404)
  })

  it('routes by model, each with its own field names', async () => {
    const wrongFields = await create({ model: 'kling-multi-image', prompt: 'p', image_url: `${images.url}/400x400.png` })
    expect(((await wrongFields.json()) as { msg: string }).msg).toMatch(/image_url: Extra inputs.*subject_image_list: Field required/)
    const multi = await create({ model: 'kling-multi-image', subject_image_list: [{ subject_image: `${images.url}/400x400.png` }], n: 2 })
    expect(multi.status).toBe(200)
    const v21 = (await (await create({ model: 'kling-v2-1', prompt: 'p', image_url: `${images.url}/400x400.png` })).json()) as { msg: string }
    expect(v21.msg).toMatch(/does not support image-to-image/)
    const expand = await create({ model: 'kling-expand', image_url: `${images.url}/400x400.png`, up_expansion_ratio: 1, down_expansion_ratio: 1, left_expansion_ratio: 0, right_expansion_ratio: 0.1 })
    expect(((await expand.json()) as { msg: string }).msg).toMatch(/3x/)
    const tooSmall = await create({ model: 'kling-v3-image', prompt: 'p', image_url: `${images.url}/100x400.png` })
    expect(((await tooSmall.json()) as { msg: string }).msg).toMatch(/image_url/)
  })

  it('polls pending → completed with resultUrls, and posts the callback', async () => {
    const hooks: any[] = []
    const receiver = await pngServer((body) => hooks.push(body))
    const created = (await (await create({ model: 'kling-v3-image', prompt: 'p', n: 2, resolution: '2k', aspect_ratio: '3:4', callback_url: `${receiver.url}/cb` })).json()) as any
    expect(created).toMatchObject({ code: 200, msg: 'success', data: { state: 'pending', model: 'kling-image-gen/kling-v3' } })
    await new Promise((r) => setTimeout(r, 150))
    const done = (await (await query(created.data.taskId)).json()) as any
    expect(done.data).toMatchObject({ state: 'completed', resultUrls: [expect.any(String), expect.any(String)] })
    expect(hooks).toEqual([{ code: 200, msg: 'success', data: expect.objectContaining({ taskId: created.data.taskId, state: 'completed' }) }])
    await receiver.close()
  })

  it('fails tasks with failMsg', async () => {
    await admin('/__sim/config', { faults: { failTasks: 1, failMessage: 'GPU timeout' } })
    const created = (await (await create({ model: 'kling-v2', prompt: 'p' })).json()) as any
    await new Promise((r) => setTimeout(r, 150))
    expect(((await (await query(created.data.taskId)).json()) as any).data).toMatchObject({ state: 'failed', failMsg: 'GPU timeout' })
  })
})
