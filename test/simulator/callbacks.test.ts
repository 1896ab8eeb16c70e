import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startKlingSimulator, type KlingSimulator } from './kling-simulator'
import { buildPng } from './fixtures/build-png'
import { SimClient } from './fixtures/sim-client'

interface Received {
  path: string
  contentType: string | undefined
  body: Record<string, unknown>
}

let sim: KlingSimulator
let client: SimClient
let receiver: Server
let receiverUrl = ''
let received: Received[] = []

beforeAll(async () => {
  sim = await startKlingSimulator({ delayMs: 60 })
  client = new SimClient(sim.url)
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    received.push({ path: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown> })
    res.writeHead(req.url === '/broken' ? 500 : 200).end('ok')
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
})
afterAll(async () => {
  await sim.close()
  await new Promise((resolve) => receiver.close(resolve))
})
beforeEach(async () => {
  received = []
  await client.reset()
})

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('callbacks (kling-upstream.md §4)', () => {
  it('POSTs the flat body on processing and on succeed', async () => {
    const id = await client.createOk('generations', { prompt: 'p', model_name: 'kling-v3', n: 2, callback_url: `${receiverUrl}/hook?x=1`, external_task_id: 'cb-1' })
    await until(() => received.length === 2)
    expect(received.map((r) => r.body.task_status)).toEqual(['processing', 'succeed'])
    expect(received[0].path).toBe('/hook?x=1')
    expect(received[0].contentType).toBe('application/json')
    const final = received[1].body
    expect(final).toEqual({
      task_id: id,
      task_status: 'succeed',
      task_status_msg: '',
      created_at: expect.any(Number),
      updated_at: expect.any(Number),
      final_unit_deduction: '2',
      task_info: { external_task_id: 'cb-1' },
      task_result: { images: [{ index: 0, url: `${sim.url}/cdn/${id}/0.png` }, { index: 1, url: `${sim.url}/cdn/${id}/1.png` }] },
    })
    // Flat: no {code, message, data} envelope.
    expect(final).not.toHaveProperty('code')
    const stats = await client.stats()
    expect(stats.callbacks.map((c) => [c.task_status, c.status])).toEqual([
      ['processing', 200],
      ['succeed', 200],
    ])
  })

  it('reports failures with task_status_msg', async () => {
    await client.configure({ faults: { failTasks: 1, failMessage: 'boom' } })
    await client.createOk('expand', { image: buildPng(300, 300, () => [1, 2, 3]).toString('base64'), callback_url: `${receiverUrl}/x` })
    await until(() => received.length === 2)
    expect(received[1].body).toMatchObject({ task_status: 'failed', task_status_msg: 'boom', task_result: {} })
  })

  it('survives receivers that error or do not exist, and records them', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/gone`
    await new Promise((resolve) => closed.close(resolve))
    await client.createOk('generations', { prompt: 'p', model_name: 'kling-v3', callback_url: `${receiverUrl}/broken` })
    await client.createOk('generations', { prompt: 'p', model_name: 'kling-v3', callback_url: deadUrl })
    await until(() => received.length === 2)
    let stats = await client.stats()
    for (const deadline = Date.now() + 4000; stats.callbacks.length < 4 && Date.now() < deadline; stats = await client.stats()) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const byUrl = (url: string) => stats.callbacks.filter((c) => c.url === url)
    expect(byUrl(`${receiverUrl}/broken`).map((c) => c.status)).toEqual([500, 500])
    expect(byUrl(deadUrl).map((c) => [c.status, typeof c.error])).toEqual([
      [null, 'string'],
      [null, 'string'],
    ])
    expect((await client.list('generations')).body.data?.every((task) => task.task_status === 'succeed')).toBe(true)
  })

  it('finish through the admin API also calls back', async () => {
    await client.configure({ delayMs: 60_000 })
    const id = await client.createOk('generations', { prompt: 'p', model_name: 'kling-v3', callback_url: receiverUrl })
    await client.finish(id)
    await until(() => received.length === 1)
    expect(received[0].body).toMatchObject({ task_id: id, task_status: 'succeed' })
  })
})
