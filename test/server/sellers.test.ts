/** What is particular to each seller, beyond the shared contract (provider-contract.test.ts). */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { callbackTokenAsync } from '../../server/auth/callback-token'
import { readConfig } from '../../server/config'
import type { Env } from '../../server/env'
import { upstreamStubAsync } from '../../server/upstream/upstream-stub'
import { call, createJob, env, getJob, inOwner, makeTasksDue, ownerSql, pngBase64Async, resetWorld, runOwnerAlarm, TEST_VARS, usedToday } from './helpers'
import { withTunnelAsync } from './tunnel-pump'

const admin = (base: string) => (path: string, body?: unknown) =>
  fetch(base + path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>)
const fal = admin(env.FAL_QUEUE_BASE!)
const pixeldojo = admin(env.PIXELDOJO_API_BASE!)
const apimodels = admin(env.APIMODELS_API_BASE!)

/** The seller's handle of the job's (first) task, as the owner's object keeps it; null before it is known. */
const taskHandle = async (jobId: string) => (await ownerSql<{ task_id: string | null }>('alice', 'SELECT task_id FROM tasks WHERE job_id = ? ORDER BY part', jobId))[0]?.task_id ?? null

/** The job's unconfirmed seller task has waited `ms` for its webhook: its next step then runs. */
const waitedForWebhook = async (jobId: string, ms: number) => {
  await inOwner('alice', (mem) => {
    for (const task of mem.store.active.get(jobId)?.tasks ?? []) {
      mem.unconfirmedSince.set(task.task_key, Date.now() - ms)
      mem.nextStep.delete(task.task_key)
    }
  })
  await runOwnerAlarm('alice')
}

const configOf = (vars: Record<string, string>) => {
  const result = readConfig({ ...env, ...vars } as Env)
  if (!result.ok) throw new Error(result.reason)
  return result.config
}

/** Makes the job's tasks not due for `ms`, so that only a webhook can move it sooner. */
const notDueFor = (jobId: string, ms: number) =>
  inOwner('alice', (mem) => {
    for (const task of mem.store.active.get(jobId)?.tasks ?? []) mem.nextStep.set(task.task_key, Date.now() + ms)
  })

beforeEach(async () => {
  await resetWorld()
  await Promise.all([fal('/__sim/reset', { delayMs: 300 }), pixeldojo('/__sim/reset', { delayMs: 300 }), apimodels('/__sim/reset', { delayMs: 300 })])
})

describe('fal.ai', () => {
  const asFal = { PROVIDER: 'fal' }

  it('follows the status and response URLs the submit returned (they live on another host than the submit)', async () => {
    const reply = await createJob({ operation: 'generate', prompt: 'p', aspect_ratio: '16:9' }, { env: asFal })
    expect((await getJob(reply.body.id, 15, { env: asFal })).body.status).toBe('succeeded')
    const stats = await fal('/__sim/stats')
    expect(stats.notFound).toBe(0)
    expect(stats.polls).toBeGreaterThanOrEqual(2)
    const [task] = (await fal('/__sim/tasks')).tasks
    expect(task.route).toBe('v3/text-to-image')
    expect(task.body).toEqual({ prompt: 'p', resolution: '1K', num_images: 1, aspect_ratio: '16:9', output_format: 'png' })
  })

  it('sends fal_webhook when callbacks are on, and a webhook makes the job re-read at once', async () => {
    const withHooks = { ...asFal, PUBLIC_BASE_URL: env.TEST_TUNNEL_URL! }
    await withTunnelAsync(env.TEST_TUNNEL_URL!, withHooks, async () => {
      const reply = await createJob({ operation: 'generate', prompt: 'p' }, { env: withHooks })
      // Not due for a minute: only the webhook can make it refresh.
      await notDueFor(reply.body.id, 60_000)
      const done = await getJob(reply.body.id, 10, { env: withHooks })
      expect(done.body.status).toBe('succeeded')
    })
    const stats = await fal('/__sim/stats')
    expect(stats.requests.find((r: { method: string }) => r.method === 'POST').path).toMatch(/\?fal_webhook=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fv1%2Fcallbacks%2Ffal%2F/)
    // The simulator records the webhook once our 204 has come back through the tunnel, which may be after the job
    // (moved by that webhook) was already seen succeeded.
    await vi.waitFor(async () => expect((await fal('/__sim/stats')).webhooks).toEqual([expect.objectContaining({ status: 204 })]), { timeout: 5_000 })
  })

  it('adopts the request a webhook names even while the create request still holds the job', async () => {
    const withHooks = { ...asFal, PUBLIC_BASE_URL: 'http://127.0.0.1:1' }
    await fal('/__sim/config', { delayMs: 60_000, faults: { dropSubmit: 1 } })
    const reply = await createJob({ operation: 'generate', prompt: 'p', n: 2 }, { env: withHooks })
    expect(reply.status).toBe(202)
    const id = reply.body.id
    expect(await taskHandle(id)).toBeNull()
    // Not due for a minute: only the webhook can name the task now.
    await notDueFor(id, 60_000)
    const [task] = (await fal('/__sim/tasks')).tasks
    await fal(`/__sim/tasks/${task.id}/finish`, {})
    const payload = { images: [0, 1].map((i) => ({ url: `${env.FAL_QUEUE_BASE}/files/${task.id}/${i}.png`, content_type: 'image/png' })) }
    const token = await callbackTokenAsync({ owner: 'alice', jobId: id }, TEST_VARS.CALLBACK_SECRET)
    const hook = await call(`/v1/callbacks/fal/${token}`, { as: null, method: 'POST', body: { request_id: task.id, gateway_request_id: task.id, status: 'OK', payload, error: null }, env: withHooks })
    expect(hook.status).toBe(204)
    expect(JSON.parse((await taskHandle(id))!)).toMatchObject({ request_id: task.id })
    const done = await getJob(id, 10, { env: withHooks })
    expect(done.body.status).toBe('succeeded')
    expect(done.body.images).toHaveLength(2)
    expect((await fal('/__sim/stats')).submits).toBe(1)
  })

  it('a queued request whose answer came back cut short waits for its webhook instead of failing', async () => {
    const withHooks = { ...asFal, PUBLIC_BASE_URL: env.TEST_TUNNEL_URL! }
    // Chaos seed 9 at rate 1: the first submit is queued, then answered with half its JSON.
    await fal('/__sim/config', { delayMs: 1500, chaos: { rate: 1, seed: 9 } })
    await withTunnelAsync(env.TEST_TUNNEL_URL!, withHooks, async () => {
      const reply = await createJob({ operation: 'generate', prompt: 'p' }, { env: withHooks })
      await fal('/__sim/config', { chaos: null })
      expect(reply.status, JSON.stringify(reply.body)).toBe(202)
      expect((await fal('/__sim/chaos')).config).toBeNull()
      const done = await getJob(reply.body.id, 20, { env: withHooks })
      expect(done.body.status).toBe('succeeded')
    })
    expect((await fal('/__sim/stats')).submits).toBe(1)
    expect((await fal('/__sim/tasks')).tasks).toHaveLength(1)
  })

  it('reads a result again when its body came back cut short, instead of failing the job for "no images"', async () => {
    await fal('/__sim/config', { delayMs: 10 })
    const reply = await createJob({ operation: 'generate', prompt: 'p' }, { env: asFal })
    // Chaos seed 25 at rate 1: the status read passes (a stall of 0 ms), the result read gets half its JSON.
    await fal('/__sim/config', { chaos: { rate: 1, seed: 25, stallMs: 0 } })
    for (let i = 0; i < 100 && (await fal('/__sim/chaos')).calls.poll < 2; i++) await new Promise((r) => setTimeout(r, 50))
    expect((await fal('/__sim/chaos')).injected).toEqual({ poll_stall: 1, poll_malformed: 1 })
    await fal('/__sim/config', { chaos: null })
    const done = await getJob(reply.body.id, 15, { env: asFal })
    expect(done.body.status).toBe('succeeded')
  })

  it('does not retry what X-Fal-Retryable forbids', async () => {
    await fal('/__sim/config', { faults: { submit: [{ status: 503, message: 'runner pool drained', retryable: false }] } })
    const reply = await createJob({ operation: 'generate', prompt: 'p' }, { env: asFal })
    expect(reply.status).toBe(503)
    expect(reply.body.error.message).toBe('fal.ai is busy or unavailable: runner pool drained; try again in a few seconds.')
    expect((await fal('/__sim/stats')).submits).toBe(1)
  })

  it('reports a 422 as our own fault (502 upstream_error), in fal’s words, without retrying', async () => {
    await fal('/__sim/config', { faults: { submit: [{ status: 422, message: 'prompt is required' }] } })
    const reply = await createJob({ operation: 'generate', prompt: 'p' }, { env: asFal })
    expect(reply.status).toBe(502)
    expect(reply.body.error).toEqual({ code: 'upstream_error', message: 'fal.ai rejected the request as invalid: prompt is required.' })
    expect((await fal('/__sim/stats')).submits).toBe(1)
  })

  it('a failed request fails the job with fal’s reason in plain words', async () => {
    await fal('/__sim/config', { faults: { failTasks: 1, failMessage: 'Runner ran out of memory' } })
    const reply = await createJob({ operation: 'generate', prompt: 'p' }, { env: asFal })
    const done = await getJob(reply.body.id, 15, { env: asFal })
    expect(done.body.error).toEqual({ code: 'upstream_error', message: 'fal.ai could not generate this image: Runner ran out of memory.' })
  })
})

describe('fal.ai omni', () => {
  const withUrls = { PROVIDER: 'fal', PUBLIC_BASE_URL: env.TEST_TUNNEL_URL! }

  it('sends kling-v3-omni series without images to o3/text-to-image, with 4K and no fal cost', async () => {
    const reply = await createJob({ operation: 'omni', model: 'kling-v3-omni', prompt: 'a storyboard', images: [], result_type: 'series', series_amount: 3, aspect_ratio: '16:9', resolution: '2k' }, { env: withUrls })
    expect(reply.status, JSON.stringify(reply.body)).toBe(202)
    const done = await getJob(reply.body.id, 15, { env: withUrls })
    expect(done.body.status).toBe('succeeded')
    expect(done.body.images).toHaveLength(3)
    expect(done.body.cost).toBeNull()
    const [task] = (await fal('/__sim/tasks')).tasks
    expect(task.route).toBe('o3/text-to-image')
    expect(task.body).toEqual({ prompt: 'a storyboard', resolution: '2K', result_type: 'series', series_amount: 3, output_format: 'png', aspect_ratio: '16:9' })
  })

  it('sends kling-image-o1 references as image_urls in order, and the prompt with @ImageN', async () => {
    await withTunnelAsync(env.TEST_TUNNEL_URL!, withUrls, async () => {
      const images = [await pngBase64Async(320, 320), await pngBase64Async(400, 300)]
      const reply = await createJob({ operation: 'omni', prompt: '<<<image_2>>> wearing <<<image_1>>>', images, n: 2 }, { env: withUrls })
      expect(reply.status, JSON.stringify(reply.body)).toBe(202)
      expect((await getJob(reply.body.id, 15, { env: withUrls })).body.status).toBe('succeeded')
    })
    const [task] = (await fal('/__sim/tasks')).tasks
    expect(task.route).toBe('o1')
    expect(task.body.prompt).toBe('@Image2 wearing @Image1')
    expect(task.body.image_urls).toHaveLength(2)
    expect(task.body.num_images).toBe(2)
    expect(task.body.aspect_ratio).toBe('auto')
  })
})

describe('PixelDojo', () => {
  const asPd = { PROVIDER: 'pixeldojo' }

  it('is polled every second even with callbacks on: it sends no webhooks (apimodels, which does, every 5 s)', async () => {
    const nextReadIn = async (vars: Record<string, string>, admin: typeof pixeldojo) => {
      await admin('/__sim/config', { delayMs: 30_000 })
      const reply = await createJob({ operation: 'generate', prompt: 'p' }, { env: vars })
      await vi.waitFor(async () => expect(await taskHandle(reply.body.id)).not.toBeNull())
      // Reads it once more (the alarm) and looks at when the next read is due.
      await makeTasksDue()
      await runOwnerAlarm('alice')
      const due = await inOwner('alice', (mem) => mem.nextStep.get(mem.store.active.get(reply.body.id)!.tasks[0].task_key)!)
      await call(`/v1/jobs/${reply.body.id}`, { method: 'DELETE', env: vars })
      return due - Date.now()
    }
    const withHooks = { PUBLIC_BASE_URL: env.TEST_TUNNEL_URL! }
    expect(await nextReadIn({ ...asPd, ...withHooks }, pixeldojo)).toBeLessThanOrEqual(1_000)
    expect(await nextReadIn({ PROVIDER: 'apimodels', ...withHooks }, apimodels)).toBeGreaterThan(3_000)
  })

  it('sends num_outputs and upper-case resolution, and shows the credits it reports in capabilities', async () => {
    await pixeldojo('/__sim/config', { credits: 50 })
    const reply = await createJob({ operation: 'generate', prompt: 'p', n: 3, resolution: '2k', aspect_ratio: '21:9' }, { env: asPd })
    expect(reply.status).toBe(202)
    const [task] = (await pixeldojo('/__sim/tasks')).tasks
    expect(task.body).toEqual({ prompt: 'p', resolution: '2K', aspect_ratio: '21:9', num_outputs: 3, output_format: 'png' })
    const done = await getJob(reply.body.id, 15, { env: asPd })
    expect(done.body.images[0]).toMatchObject({ width: 3104, height: 1312 })
    // creditCost becomes the job's cost.
    expect(done.body.cost).toEqual({ amount: 3, unit: 'credits' })
    const caps = await call('/v1/capabilities', { env: asPd })
    expect(caps.body.account).toEqual({ credits_remaining: 47 })
    expect(caps.body.unavailable.map((u: { operation: string }) => u.operation)).toEqual(['image_to_image', 'expand', 'multi_reference', 'omni'])
  })

  it('answers 402 when the account has too few credits, and refunds our budget', async () => {
    await pixeldojo('/__sim/config', { credits: 1 })
    const reply = await createJob({ operation: 'generate', prompt: 'p', n: 2 }, { env: asPd })
    expect(reply.status).toBe(402)
    expect(reply.body.error.message).toMatch(/out of credits: Not enough credits/)
    expect(await usedToday()).toBe(0)
  })

  it('a 500 to the submit is never retried: PixelDojo may have started the job', async () => {
    await pixeldojo('/__sim/config', { faults: { submit: [{ status: 500 }] } })
    const reply = await createJob({ operation: 'generate', prompt: 'p' }, { env: asPd })
    expect(reply.status).toBe(503)
    expect(reply.body.error.message).toMatch(/^PixelDojo did not confirm the job \(HTTP 500\)\. It may have started it anyway/)
    expect((await pixeldojo('/__sim/stats')).submits).toBe(1)
    expect(await usedToday()).toBe(0)
  })

  it('fails a job whose submit answer was lost at once, even with callbacks on: PixelDojo sends no webhooks to wait for', async () => {
    const withHooks = { ...asPd, PUBLIC_BASE_URL: 'http://127.0.0.1:1' }
    await pixeldojo('/__sim/config', { faults: { dropSubmit: 1 } })
    const reply = await createJob({ operation: 'generate', prompt: 'p' }, { env: withHooks })
    expect(reply.status).toBe(503)
    expect(reply.body.error.message).toMatch(/^PixelDojo did not confirm the job \(the connection was lost\)\. It may have started it anyway, so it was not sent again; your image budget was refunded/)
    expect((await pixeldojo('/__sim/stats')).submits).toBe(1)
    expect(await usedToday()).toBe(0)
  })

  it('keeps polling through a 429 on the job poll', async () => {
    await pixeldojo('/__sim/config', { faults: { poll: [{ status: 429 }] } })
    const reply = await createJob({ operation: 'generate', prompt: 'p' }, { env: asPd })
    expect((await getJob(reply.body.id, 15, { env: asPd })).body.status).toBe('succeeded')
  })
})

describe('apimodels.app', () => {
  const asAm = { PROVIDER: 'apimodels', PUBLIC_BASE_URL: env.TEST_TUNNEL_URL! }

  it('maps Kling model names to its own, and style transfer keeps the input size', async () => {
    await withTunnelAsync(env.TEST_TUNNEL_URL!, asAm, async () => {
      const reply = await createJob({ operation: 'image_to_image', model: 'kling-v2-new', prompt: 'ukiyo-e', image: await pngBase64Async(640, 400) }, { env: asAm })
      expect(reply.status).toBe(202)
      const done = await getJob(reply.body.id, 15, { env: asAm })
      expect(done.body.images[0]).toMatchObject({ width: 640, height: 400 })
    })
    const [task] = (await apimodels('/__sim/tasks')).tasks
    expect(task.route).toBe('kling-v2-new')
    expect(Object.keys(task.body).sort()).toEqual(['callback_url', 'image_url', 'model', 'n', 'prompt'])
  })

  it('sends multi_reference as kling-multi-image with subject_image_list and the scene by URL', async () => {
    await withTunnelAsync(env.TEST_TUNNEL_URL!, asAm, async () => {
      const subjects = [await pngBase64Async(300, 300), await pngBase64Async(320, 300)]
      const reply = await createJob({ operation: 'multi_reference', prompt: 'together', subject_images: subjects, scene_image: await pngBase64Async(400, 300), aspect_ratio: '4:3' }, { env: asAm })
      expect(reply.status, JSON.stringify(reply.body)).toBe(202)
      expect((await getJob(reply.body.id, 15, { env: asAm })).body.images[0]).toMatchObject({ width: 1168, height: 880 })
    })
    const [task] = (await apimodels('/__sim/tasks')).tasks
    expect(task.route).toBe('kling-multi-image')
    expect(task.body).toMatchObject({ model: 'kling-multi-image', multi_model_name: 'kling-v2-1', prompt: 'together', n: 1, aspect_ratio: '4:3' })
    expect(task.body.subject_image_list).toEqual([{ subject_image: expect.stringContaining('/v1/inputs/') }, { subject_image: expect.stringContaining('/v1/inputs/') }])
    expect(task.body.scene_image).toContain('/v1/inputs/')
  })

  it('answers 404 model_not_found for a model it does not sell, with nothing sent', async () => {
    const unknown = await createJob({ operation: 'generate', model: 'kling-v1', prompt: 'p' }, { env: asAm })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('model_not_found')
    expect((await apimodels('/__sim/stats')).submits).toBe(0)
  })

  it('a 5xx to the submit with callbacks on waits for the webhook instead of resubmitting', async () => {
    await apimodels('/__sim/config', { faults: { submit: [{ status: 502 }] } })
    const reply = await createJob({ operation: 'generate', prompt: 'p' }, { env: asAm })
    expect(reply.status).toBe(202)
    expect(reply.body.status).toBe('queued')
    await getJob(reply.body.id, 2, { env: asAm })
    expect((await apimodels('/__sim/stats')).submits).toBe(1)
  })

  it('gives back the slots of a task whose submit went unanswered after two minutes, and keeps waiting for its webhook', async () => {
    await apimodels('/__sim/config', { faults: { submit: [{ status: 502 }] } })
    const reply = await createJob({ operation: 'generate', prompt: 'p', n: 2 }, { env: asAm })
    expect(reply.status).toBe(202)
    const upstream = await upstreamStubAsync(env, configOf(asAm))
    await vi.waitFor(async () => expect(await ownerSql('alice', 'SELECT task_key FROM tasks WHERE job_id = ? AND task_id IS NULL', reply.body.id)).toHaveLength(1))
    expect((await upstream.stats()).used).toBe(2)
    // One minute of waiting: the slots stay held.
    await waitedForWebhook(reply.body.id, 60_000)
    expect((await upstream.stats()).used).toBe(2)
    // Two minutes: they go back, recorded, while the job still waits for the webhook (never resubmitted).
    await waitedForWebhook(reply.body.id, 121_000)
    expect((await upstream.stats()).used).toBe(0)
    expect(await ownerSql('alice', 'SELECT released FROM tasks WHERE job_id = ?', reply.body.id)).toEqual([{ released: 1 }])
    expect((await getJob(reply.body.id, 0, { env: asAm })).body.status).toBe('queued')
    expect((await apimodels('/__sim/stats')).submits).toBe(1)
  })
})
