/**
 * The one contract every provider keeps, run against each with its simulator: what it offers, generate and every
 * other operation it offers, `operation_not_supported` for the rest with nothing sent upstream, errors mapped,
 * retries, no duplicate upstream task, images stored, owners isolated, and no secret in any response or log.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OPERATIONS, type Operation } from '../../shared/api/enums'
import { call, createJob, dbJob, env, getJob, pngBase64Async, resetWorld, TOKENS, usedToday } from './helpers'
import { withTunnelAsync } from './tunnel-pump'
import { upstreams, type Upstream } from './upstreams'

afterEach(() => vi.restoreAllMocks())

/** A valid request body for each operation. */
async function bodyFor(operation: Operation): Promise<Record<string, unknown>> {
  switch (operation) {
    case 'generate':
      return { operation, prompt: 'a lighthouse at dawn', aspect_ratio: '4:3', n: 2 }
    case 'image_to_image':
      return { operation, prompt: 'as a watercolour', image: await pngBase64Async(400, 320), aspect_ratio: '16:9' }
    case 'expand':
      return { operation, image: await pngBase64Async(400, 320), expansion: { top: 0.25, bottom: 0.25, left: 0, right: 0 } }
    case 'multi_reference':
      return { operation, prompt: 'together', subject_images: [await pngBase64Async(300, 300)] }
    case 'omni':
      return { operation, prompt: 'like <<<image_1>>>', images: [await pngBase64Async(300, 300)], aspect_ratio: '3:2' }
  }
}

/** Output size each operation's request above produces (read from the stored bytes). */
const EXPECTED_SIZE: Partial<Record<Operation, { width: number; height: number }>> = {
  generate: { width: 1168, height: 880 },
  image_to_image: { width: 1360, height: 768 },
  expand: { width: 400, height: 480 },
  multi_reference: { width: 1024, height: 1024 },
  omni: { width: 1248, height: 832 },
}

/** Every signed input URL in a body the Worker sent upstream, wherever the seller's field for it sits. */
function inputUrlsIn(value: unknown): string[] {
  if (typeof value === 'string') return value.includes('/v1/inputs/') ? [value] : []
  if (Array.isArray(value)) return value.flatMap(inputUrlsIn)
  if (value && typeof value === 'object') return Object.values(value).flatMap(inputUrlsIn)
  return []
}

describe.each(upstreams().map((u) => [u.name, u] as const))('provider %s', (_name, upstream: Upstream) => {
  const as = (options: { env?: Record<string, string | undefined> } = {}) => ({ env: { ...upstream.env, ...options.env } })
  /** Runs `fn` while sellers can reach the Worker (input downloads, webhooks). */
  const live = <T>(fn: () => Promise<T>, overrides: Record<string, string | undefined> = {}) => withTunnelAsync(env.TEST_TUNNEL_URL!, { ...upstream.env, ...overrides }, fn)

  beforeEach(async () => {
    await resetWorld()
    await upstream.reset()
  })

  it('says what it offers: capabilities list exactly its operations', async () => {
    const reply = await call('/v1/capabilities', as())
    expect(reply.status).toBe(200)
    expect(reply.body.provider).toBe(upstream.name)
    const offered = new Set(reply.body.models.flatMap((m: { operations: string[] }) => m.operations))
    expect([...offered].sort()).toEqual([...upstream.offers].sort())
    expect((await call('/v1/health', { as: null, ...as() })).body).toMatchObject({ ok: true, provider: upstream.name })
  })

  for (const operation of OPERATIONS) {
    it(`${operation}: runs end to end, or answers operation_not_supported with nothing sent upstream`, async () => {
      const offered = upstream.offers.includes(operation)
      const body = await bodyFor(operation)
      await live(async () => {
        const reply = await createJob(body, as())
        if (!offered) {
          expect(reply.status).toBe(400)
          expect(reply.body.error.code).toBe('operation_not_supported')
          expect(await upstream.submits()).toBe(0)
          expect(await usedToday()).toBe(0)
          return
        }
        expect(reply.status, JSON.stringify(reply.body)).toBe(202)
        expect(reply.body).toMatchObject({ provider: upstream.name, operation })
        const done = await getJob(reply.body.id, 15, as())
        expect(done.body.status, JSON.stringify(done.body.error)).toBe('succeeded')
        const n = (body.n as number | undefined) ?? 1
        expect(done.body.images).toHaveLength(n)
        expect(done.body.images[0]).toMatchObject({ ...EXPECTED_SIZE[operation], content_type: 'image/png' })
        // What the seller says it charged, in its own unit; null where it says nothing.
        if (upstream.costUnit) expect(done.body.cost).toEqual({ amount: expect.any(Number), unit: upstream.costUnit })
        else expect(done.body.cost).toBeNull()
        const image = await call(`/v1/jobs/${reply.body.id}/images/${n - 1}`, as())
        expect(image.status).toBe(200)
        expect(image.headers.get('Content-Type')).toBe('image/png')
        expect(await upstream.tasks()).toHaveLength(1)
        if (upstream.urlInputs && operation !== 'generate') {
          // The seller got a signed URL of the Worker's own, fetched it, and it is gone now the job has ended.
          const [task] = await upstream.tasks()
          const urls = inputUrlsIn(task.body)
          expect(urls).toHaveLength(1)
          expect(urls[0].startsWith(`${env.TEST_TUNNEL_URL!}/v1/inputs/`)).toBe(true)
          expect((await call(new URL(urls[0]).pathname, { as: null, ...as() })).status).toBe(404)
        }
      })
    })
  }

  it('retries a "busy" answer to the submit and creates exactly one upstream task', async () => {
    await upstream.fault('busy')
    const reply = await createJob(await bodyFor('generate'), as())
    expect(reply.status, JSON.stringify(reply.body)).toBe(202)
    expect(await upstream.submits()).toBe(2)
    expect(await upstream.tasks()).toHaveLength(1)
    expect((await getJob(reply.body.id, 15, as())).body.status).toBe('succeeded')
  })

  it('puts the task back in the queue after three "busy" answers instead of failing the job, and creates it once', async () => {
    await upstream.fault('busy', 3)
    const reply = await createJob(await bodyFor('generate'), as())
    expect(reply.status, JSON.stringify(reply.body)).toBe(202)
    expect(reply.body).toMatchObject({ status: 'queued', error: null })
    // The queue pauses about a second after the seller said "busy", then submits it again.
    expect((await getJob(reply.body.id, 20, as())).body.status).toBe('succeeded')
    expect(await upstream.submits()).toBe(4)
    expect(await upstream.tasks()).toHaveLength(1)
  })

  it('maps an exhausted seller balance to 402 insufficient_credits and refunds the budget', async () => {
    await upstream.fault('out_of_credits')
    const reply = await createJob(await bodyFor('generate'), as())
    expect(reply.status).toBe(402)
    expect(reply.body.error.code).toBe('insufficient_credits')
    expect(await usedToday()).toBe(0)
    expect(await upstream.tasks()).toHaveLength(0)
  })

  it('maps a refused key to 503 upstream_unavailable, naming no secret, and does not retry it', async () => {
    await upstream.fault('bad_key', 3)
    const reply = await createJob(await bodyFor('generate'), as())
    expect(reply.status).toBe(503)
    expect(reply.body.error.code).toBe('upstream_unavailable')
    expect(reply.text).not.toContain(upstream.secret)
    expect(await upstream.submits()).toBe(1)
    expect(await usedToday()).toBe(0)
  })

  it('fails a task the seller fails, with its reason in plain words, and refunds it', async () => {
    await upstream.failNextTask('The content may violate the policy (risk control)')
    const reply = await createJob(await bodyFor('generate'), as())
    const done = await getJob(reply.body.id, 15, as())
    expect(done.body.status).toBe('failed')
    expect(done.body.error.code).toBe('content_rejected')
    expect(done.body.error.message).toMatch(/polic/i)
    expect(done.body.error.message).not.toMatch(/[{}[\]]/)
    expect(await usedToday()).toBe(0)
  })

  it('fails a job whose result URLs have expired before they were copied', async () => {
    await upstream.expireResults()
    const reply = await createJob(await bodyFor('generate'), as())
    const done = await getJob(reply.body.id, 15, as())
    expect(done.body.status).toBe('failed')
    expect(done.body.error).toMatchObject({ code: 'upstream_error', message: expect.stringMatching(/no longer available/) })
  })

  it('never submits twice when the submit answer is lost (no callbacks)', async () => {
    await upstream.dropNextSubmit()
    const noCallbacks = { PUBLIC_BASE_URL: undefined }
    const reply = await createJob(await bodyFor('generate'), as({ env: noCallbacks }))
    if (upstream.findsByJobId) {
      // Kling finds the task by our job id and carries on with it.
      expect(reply.status).toBe(202)
      expect((await getJob(reply.body.id, 15, as({ env: noCallbacks }))).body.status).toBe('succeeded')
    } else {
      expect(reply.status).toBe(503)
      expect(reply.body.error.code).toBe('upstream_unavailable')
      expect(reply.body.error.message).toMatch(/may have started it/)
      expect(await usedToday()).toBe(0)
      const [row] = (await call<{ jobs: { id: string; status: string }[] }>('/v1/jobs', as({ env: noCallbacks }))).body.jobs
      expect(row.status).toBe('failed')
      await getJob(row.id, 1, as({ env: noCallbacks }))
    }
    expect(await upstream.submits()).toBe(1)
    expect(await upstream.tasks()).toHaveLength(1)
  })

  it.runIf(upstream.adoptsFromWebhook)('adopts the task its webhook names after a lost submit answer', async () => {
    await upstream.dropNextSubmit()
    await live(async () => {
      const reply = await createJob(await bodyFor('generate'), as())
      expect(reply.status).toBe(202)
      expect(reply.body.status).toBe('queued')
      const done = await getJob(reply.body.id, 15, as())
      expect(done.body.status, JSON.stringify(done.body.error)).toBe('succeeded')
      expect(done.body.images).toHaveLength(2)
    })
    expect(await upstream.submits()).toBe(1)
    expect(await upstream.tasks()).toHaveLength(1)
    expect(await usedToday()).toBe(2)
  })

  it('keeps owners apart: another owner sees neither the job nor its images', async () => {
    const reply = await createJob(await bodyFor('generate'), as())
    await getJob(reply.body.id, 15, as())
    for (const path of [`/v1/jobs/${reply.body.id}`, `/v1/jobs/${reply.body.id}/images/0`]) {
      const other = await call(path, { as: 'bob', ...as() })
      expect(other.status).toBe(404)
    }
    expect((await call('/v1/jobs', { as: 'bob', ...as() })).body.jobs).toEqual([])
  })

  it('never shows a secret in a response or a log line', async () => {
    const lines: string[] = []
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')))
    }
    const bodies: string[] = []
    await live(async () => {
      const ok = await createJob(await bodyFor(upstream.offers.includes('image_to_image') ? 'image_to_image' : 'generate'), as())
      bodies.push(ok.text, (await getJob(ok.body.id, 15, as())).text)
      bodies.push((await call('/v1/capabilities', as())).text)
      await upstream.fault('bad_key')
      bodies.push((await createJob(await bodyFor('generate'), as())).text)
      await upstream.dropNextSubmit()
      bodies.push((await createJob(await bodyFor('generate'), as({ env: { PUBLIC_BASE_URL: undefined } }))).text)
    })
    const secrets = [upstream.secret, TOKENS.alice, TOKENS.bob, env.CALLBACK_SECRET!]
    for (const text of [...bodies, ...lines]) for (const secret of secrets) expect(text).not.toContain(secret)
    expect(bodies.length).toBe(5)
  })

})
