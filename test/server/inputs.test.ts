import { beforeEach, describe, expect, it } from 'vitest'
import { inputTokenAsync } from '../../server/auth/input-token'
import { call, createJob, env, getJob, pngBase64Async, resetWorld, TEST_VARS } from './helpers'
import { withTunnelAsync } from './tunnel-pump'

const apimodels = { PROVIDER: 'apimodels', PUBLIC_BASE_URL: env.TEST_TUNNEL_URL! }
const sim = (path: string, body?: unknown) =>
  fetch(env.APIMODELS_API_BASE + path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>)

beforeEach(async () => {
  await resetWorld()
  await sim('/__sim/reset', { delayMs: 60_000 })
})

/** An image_to_image job on apimodels, left running; returns it with the input URL the seller was given. */
async function runningJob() {
  const image = await pngBase64Async(320, 300)
  const reply = await withTunnelAsync(env.TEST_TUNNEL_URL!, apimodels, () => createJob({ operation: 'image_to_image', prompt: 'p', image }, { env: apimodels }))
  expect(reply.status).toBe(202)
  const [task] = (await sim('/__sim/tasks')).tasks
  return { id: reply.body.id as string, image, path: new URL(task.body.image_url).pathname }
}

describe('GET /v1/inputs/{token}', () => {
  it('serves the input image of a running job, without a bearer token, and not to caches', async () => {
    const { path, image } = await runningJob()
    expect(path).toMatch(/^\/v1\/inputs\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    const reply = await call(path, { as: null, env: apimodels })
    expect(reply.status).toBe(200)
    expect(reply.headers.get('Content-Type')).toBe('image/png')
    expect(reply.headers.get('Cache-Control')).toBe('private, no-store')
    expect(Number(reply.headers.get('Content-Length'))).toBe(Math.floor((image.length * 3) / 4) - (image.endsWith('==') ? 2 : image.endsWith('=') ? 1 : 0))
  })

  it('answers 404 once the job has ended', async () => {
    const { id, path } = await runningJob()
    await call(`/v1/jobs/${id}`, { method: 'DELETE', env: apimodels })
    expect((await call(path, { as: null, env: apimodels })).status).toBe(404)
  })

  it('answers 404 to a forged, altered, expired or foreign token, revealing nothing', async () => {
    const { id, path } = await runningJob()
    const token = path.split('/').pop()!
    const expired = await inputTokenAsync({ owner: 'alice', jobId: id, slot: 'image', expiresAt: Date.now() - 1 }, TEST_VARS.CALLBACK_SECRET)
    const otherOwner = await inputTokenAsync({ owner: 'bob', jobId: id, slot: 'image', expiresAt: Date.now() + 60_000 }, TEST_VARS.CALLBACK_SECRET)
    const otherSlot = await inputTokenAsync({ owner: 'alice', jobId: id, slot: 'images.3', expiresAt: Date.now() + 60_000 }, TEST_VARS.CALLBACK_SECRET)
    const wrongKey = await inputTokenAsync({ owner: 'alice', jobId: id, slot: 'image', expiresAt: Date.now() + 60_000 }, 'not-the-secret')
    const [payload, mac] = token.split('.')
    const tampered = `${payload.slice(0, -2)}AA.${mac}`
    for (const bad of [expired, otherOwner, otherSlot, wrongKey, tampered, 'x', `${token}.x`]) {
      const reply = await call(`/v1/inputs/${bad}`, { as: null, env: apimodels })
      expect(reply.status, bad).toBe(404)
      expect(reply.body.error).toEqual({ code: 'not_found', message: 'No such input.' })
    }
    // The genuine one still works.
    expect((await call(path, { as: null, env: apimodels })).status).toBe(200)
  })

  it('is not a proxy: a token only ever names our own stored input', async () => {
    const reply = await call('/v1/inputs/https%3A%2F%2Fexample.com%2Fx.png', { as: null, env: apimodels })
    expect(reply.status).toBe(404)
  })

  it('expires with the job, at most an hour out', async () => {
    const { path } = await runningJob()
    const payload = JSON.parse(atob(path.split('/').pop()!.split('.')[0].replace(/-/g, '+').replace(/_/g, '/')))
    expect(payload.e).toBeGreaterThan(Date.now())
    expect(payload.e).toBeLessThanOrEqual(Date.now() + 10 * 60 * 1000)
  })
})

describe('sellers that take images only by URL, without PUBLIC_BASE_URL', () => {
  for (const provider of ['fal', 'apimodels'] as const) {
    it(`${provider}: offers no operation that takes an image, says why, and refuses one with nothing sent`, async () => {
      const noPublic = { PROVIDER: provider, PUBLIC_BASE_URL: undefined }
      const caps = await call('/v1/capabilities', { env: noPublic })
      const operations = new Set(caps.body.models.flatMap((m: { operations: string[] }) => m.operations))
      // Omni stays, from a prompt alone: no model takes an image for it any more.
      expect([...operations].sort()).toEqual(['generate', 'omni'])
      for (const model of caps.body.models) {
        for (const rules of Object.values(model.by_operation) as { images: { max: number }; aspect_ratios: string[] }[]) {
          expect(rules.images.max).toBe(0)
          expect(rules.aspect_ratios).not.toContain('auto')
        }
      }
      expect(caps.body.unavailable).toContainEqual({ operation: 'image_to_image', reason: expect.stringMatching(/PUBLIC_BASE_URL/) })
      expect(caps.body.unavailable).toContainEqual({ operation: 'omni', reason: expect.stringMatching(/PUBLIC_BASE_URL/) })
      const reply = await createJob({ operation: 'image_to_image', prompt: 'p', image: await pngBase64Async(300, 300) }, { env: noPublic })
      expect(reply.status).toBe(400)
      expect(reply.body.error).toMatchObject({ code: 'operation_not_supported', message: expect.stringMatching(/PUBLIC_BASE_URL/) })
      const generate = await createJob({ operation: 'generate', prompt: 'p' }, { env: noPublic })
      expect(generate.status).toBe(202)
      await getJob(generate.body.id, 0, { env: noPublic })
    })
  }
})
