import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startFalSimulator, type FalSimulator } from './fal-simulator'
import { pngServer, type PngServer } from './fixtures/png-server'

let sim: FalSimulator
let images: PngServer
const KEY = 'fal-test-key'
const post = (path: string, body: unknown, auth = `Key ${KEY}`, base = sim.url) =>
  fetch(base + path, { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
const get = (url: string, auth = `Key ${KEY}`) => fetch(url, { headers: { Authorization: auth } })
const admin = (path: string, body?: unknown) => fetch(sim.url + path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>)

beforeAll(async () => {
  sim = await startFalSimulator({ apiKey: KEY, delayMs: 60 })
  images = await pngServer()
})
afterAll(async () => {
  await sim.close()
  await images.close()
})
beforeEach(() => admin('/__sim/reset', { delayMs: 60 }))

describe('fal simulator', () => {
  it('refuses anything but "Authorization: Key <key>"', async () => {
    for (const auth of [`Bearer ${KEY}`, 'Key wrong', `key ${KEY}`, '']) {
      const reply = await post('/fal-ai/kling-image/v3/text-to-image', { prompt: 'p' }, auth)
      expect(reply.status).toBe(401)
      expect(await reply.json()).toHaveProperty('detail')
    }
  })

  it('validates like pydantic: extra fields, ranges and enums, all named in {detail: [...]}', async () => {
    const reply = await post('/fal-ai/kling-image/v3/text-to-image', { prompt: 'p', num_images: 10, resolution: '2k', n: 1 })
    expect(reply.status).toBe(422)
    expect(reply.headers.get('x-fal-retryable')).toBe('false')
    const { detail } = (await reply.json()) as { detail: { loc: string[]; type: string }[] }
    expect(detail.map((d) => [d.loc.join('.'), d.type])).toEqual([
      ['body.n', 'extra_forbidden'],
      ['body.resolution', 'enum'],
      ['body.num_images', 'less_than_equal'],
    ])
  })

  it('takes no negative_prompt on image-to-image, and needs an image_url it can fetch', async () => {
    const bad = await post('/fal-ai/kling-image/v3/image-to-image', { prompt: 'p', negative_prompt: 'x' })
    expect(((await bad.json()) as { detail: { loc: string[] }[] }).detail.map((d) => d.loc[1])).toEqual(['negative_prompt', 'image_url'])
    const missing = await post('/fal-ai/kling-image/v3/image-to-image', { prompt: 'p', image_url: `${images.url}/missing.png` })
    expect(missing.status).toBe(422)
    const small = await post('/fal-ai/kling-image/v3/image-to-image', { prompt: 'p', image_url: `${images.url}/200x200.png` })
    expect(((await small.json()) as { detail: { msg: string }[] }).detail[0].msg).toMatch(/too small/)
    const ok = await post('/fal-ai/kling-image/v3/image-to-image', { prompt: 'p', image_url: `${images.url}/400x300.png` })
    expect(ok.status).toBe(200)
    expect(images.requests()).toContain('/400x300.png')
  })

  it('answers a submit with queue URLs on another server, which the submit server does not serve', async () => {
    await admin('/__sim/config', { delayMs: 600 })
    const submit = (await (await post('/fal-ai/kling-image/v3/text-to-image', { prompt: 'p', num_images: 2 })).json()) as Record<string, string>
    expect(submit.status).toBe('IN_QUEUE')
    expect(new URL(submit.status_url).origin).toBe(sim.statusUrl)
    expect(submit.status_url).toBe(`${sim.statusUrl}/fal-ai/kling-image/requests/${submit.request_id}/status`)
    const rebuilt = await get(`${sim.url}/fal-ai/kling-image/requests/${submit.request_id}/status`)
    expect(rebuilt.status).toBe(404)
    expect((await get(submit.status_url)).status).toBe(202)
    expect(((await (await get(submit.response_url)).json()) as { detail: string }).detail).toMatch(/in progress/)
    await new Promise((r) => setTimeout(r, 700))
    const status = (await (await get(submit.status_url)).json()) as { status: string }
    expect(status.status).toBe('COMPLETED')
    const result = (await (await get(submit.response_url)).json()) as { images: { url: string; width: number; height: number }[] }
    expect(result.images).toHaveLength(2)
    expect(result.images[0]).toMatchObject({ width: 1360, height: 768, content_type: 'image/png' })
    const png = await fetch(result.images[1].url)
    expect(png.headers.get('content-type')).toBe('image/png')
    expect((await admin('/__sim/stats')).notFound).toBe(1)
  })

  it('fails a task as a 422 content_policy_violation result and posts the webhook', async () => {
    const hooks: unknown[] = []
    const receiver = await pngServer((body) => hooks.push(body))
    const submit = (await (await post(`/fal-ai/kling-image/v3/text-to-image?fal_webhook=${encodeURIComponent(`${receiver.url}/hook`)}`, { prompt: 'something unsafe' })).json()) as Record<string, string>
    await new Promise((r) => setTimeout(r, 200))
    const result = await get(submit.response_url)
    expect(result.status).toBe(422)
    expect(((await result.json()) as { detail: { type: string }[] }).detail[0].type).toBe('content_policy_violation')
    expect(hooks).toEqual([expect.objectContaining({ request_id: submit.request_id, status: 'ERROR' })])
    await receiver.close()
  })

  it('injects faults: canned submit answers with X-Fal-Retryable, dropped answers, expired results', async () => {
    await admin('/__sim/config', { faults: { submit: [{ status: 429, message: 'slow down', retryable: true }], dropSubmit: 1, cdn: { expireAfterMs: 0 } } })
    const busy = await post('/fal-ai/kling-image/v3/text-to-image', { prompt: 'p' })
    expect(busy.status).toBe(429)
    expect(busy.headers.get('x-fal-retryable')).toBe('true')
    await expect(post('/fal-ai/kling-image/v3/text-to-image', { prompt: 'p' })).rejects.toThrow()
    const [task] = (await admin('/__sim/tasks')).tasks
    await admin(`/__sim/tasks/${task.id}/finish`, {})
    await new Promise((r) => setTimeout(r, 5))
    expect((await fetch(`${sim.url}/files/${task.id}/0.png`)).status).toBe(404)
  })
})
