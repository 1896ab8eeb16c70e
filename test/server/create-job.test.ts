import { beforeEach, describe, expect, it } from 'vitest'
import { call, createJob, dbJob, env, getJob, jpegBase64, jpegBytes, ownerSql, pngBase64Async, resetWorld, simConfig, simStats, simTasks, toBase64, usedToday } from './helpers'

beforeEach(() => resetWorld())

const generate = { operation: 'generate', prompt: 'a lighthouse at dawn' }

describe('POST /v1/jobs', () => {
  it('creates a generate job: 202, queued, submitted with model_name, lower-case resolution and our id', async () => {
    const reply = await createJob({ ...generate, aspect_ratio: '16:9', resolution: '2k', n: 2, client_ref: 'node:12', negative_prompt: 'fog' })
    expect(reply.status).toBe(202)
    const job = reply.body
    expect(job).toMatchObject({
      status: 'queued',
      operation: 'generate',
      provider: 'kling',
      model: 'kling-v3',
      aspect_ratio: '16:9',
      resolution: '2k',
      n: 2,
      client_ref: 'node:12',
      images: [],
      error: null,
    })
    expect(job.id).toMatch(/^job_[0-9A-Z]{26}$/)
    const [task] = await simTasks()
    expect(task.endpoint).toBe('generations')
    expect(task.external_task_id).toBe(job.id)
    expect(task.request).toMatchObject({ model_name: 'kling-v3', resolution: '2k', aspect_ratio: '16:9', n: 2, negative_prompt: 'fog' })
    expect(task.request).not.toHaveProperty('callback_url')
    expect(await usedToday()).toBe(2)
  })

  it('defaults aspect ratio, resolution and n, and always names the model upstream', async () => {
    const reply = await createJob(generate)
    expect(reply.body).toMatchObject({ aspect_ratio: '1:1', resolution: '1k', n: 1, model: 'kling-v3' })
    const [task] = await simTasks()
    expect(task.request).toMatchObject({ model_name: 'kling-v3', resolution: '1k', aspect_ratio: '1:1', n: 1 })
  })

  it('sends a callback_url with a token when PUBLIC_BASE_URL is set', async () => {
    const reply = await createJob(generate, { env: { PUBLIC_BASE_URL: 'https://frames.example/' } })
    const [task] = await simTasks()
    expect(task.callback_url).toMatch(new RegExp(`^https://frames\\.example/v1/callbacks/kling/${reply.body.id}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$`))
  })

  describe('image_to_image', () => {
    it('strips a data: prefix, never sends negative_prompt, and stores the input for resubmission', async () => {
      const image = await pngBase64Async(400, 320)
      const reply = await createJob({ operation: 'image_to_image', prompt: 'as a watercolour', image: `data:image/png;base64,${image}` })
      expect(reply.status).toBe(202)
      const [task] = await simTasks()
      expect(task.request.image).toMatch(/^<base64 \d+ bytes>$/)
      expect(task.request).not.toHaveProperty('negative_prompt')
      expect(task.request).not.toHaveProperty('image_reference')
      expect(task.request.model_name).toBe('kling-v3')
    })

    it('sends image_reference "subject" for kling-v1-5 when the client gave none', async () => {
      const reply = await createJob({ operation: 'image_to_image', model: 'kling-v1-5', prompt: 'p', image: await pngBase64Async(300, 300), human_fidelity: 0.6 })
      expect(reply.status).toBe(202)
      const [task] = await simTasks()
      expect(task.request).toMatchObject({ model_name: 'kling-v1-5', image_reference: 'subject', human_fidelity: 0.6 })
    })

    it('accepts a JPEG', async () => {
      const reply = await createJob({ operation: 'image_to_image', prompt: 'p', image: jpegBase64(640, 480) })
      expect(reply.status).toBe(202)
    })

    it('rejects a negative_prompt with an image', async () => {
      const reply = await createJob({ operation: 'image_to_image', prompt: 'p', negative_prompt: 'x', image: await pngBase64Async(300, 300) })
      expect(reply.status).toBe(400)
      expect(reply.body.error.details).toEqual([expect.objectContaining({ path: 'negative_prompt' })])
      expect((await simStats()).creates.generations).toBe(0)
    })
  })

  describe('expand', () => {
    it('posts to the expand endpoint with the four ratios and no model_name', async () => {
      const reply = await createJob({ operation: 'expand', image: await pngBase64Async(400, 300), expansion: { top: 0.25, bottom: 0.25, left: 0.5, right: 0 }, n: 2 })
      expect(reply.status).toBe(202)
      expect(reply.body).toMatchObject({ operation: 'expand', aspect_ratio: null, resolution: null, expansion: { top: 0.25, bottom: 0.25, left: 0.5, right: 0 } })
      const [task] = await simTasks()
      expect(task.endpoint).toBe('expand')
      expect(task.request).toEqual({
        image: expect.stringMatching(/^<base64/),
        up_expansion_ratio: 0.25,
        down_expansion_ratio: 0.25,
        left_expansion_ratio: 0.5,
        right_expansion_ratio: 0,
        n: 2,
        external_task_id: reply.body.id,
      })
    })

    it('rejects an expansion over 3x the area', async () => {
      const reply = await createJob({ operation: 'expand', image: await pngBase64Async(300, 300), expansion: { top: 1, bottom: 1, left: 0, right: 0.5 } })
      expect(reply.status).toBe(400)
      expect(reply.body.error.details).toEqual([{ path: 'expansion', message: expect.stringMatching(/4\.50x/) }])
    })
  })

  describe('validation', () => {
    it('names each bad field, unknown fields included', async () => {
      const reply = await createJob({ operation: 'generate', prompt: '', n: 10, aspectRatio: '1:1', resolution: '8k' })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('invalid_request')
      const details = reply.body.error.details ?? []
      expect(details.map((d) => d.path).sort()).toEqual(['aspectRatio', 'n', 'prompt', 'resolution'])
      expect(details).toContainEqual({ path: 'aspectRatio', message: 'unknown field' })
    })

    it('requires the fields of the operation', async () => {
      const reply = await createJob({ operation: 'image_to_image' })
      expect(reply.status).toBe(400)
      expect(reply.body.error.details?.map((d) => d.path).sort()).toEqual(['image', 'prompt'])
    })

    it('answers 400 for a body that is not JSON', async () => {
      const reply = await call('/v1/jobs', { method: 'POST', body: '{"operation":' })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('invalid_request')
    })

    it('answers 404 model_not_found for a model the provider does not have', async () => {
      const reply = await createJob({ ...generate, model: 'kling-v9' })
      expect(reply.status).toBe(404)
      expect(reply.body.error.code).toBe('model_not_found')
      expect(reply.body.error.message).toContain('kling-v9')
    })

    it('answers 400 operation_not_supported, naming model and operation, for a known model that cannot do it', async () => {
      const reply = await createJob({ operation: 'image_to_image', model: 'kling-v2', prompt: 'p', image: await pngBase64Async(300, 300) })
      expect(reply.status).toBe(400)
      expect(reply.body.error.code).toBe('operation_not_supported')
      expect(reply.body.error.message).toMatch(/kling-v2 cannot do image_to_image/)
      expect(reply.body.error.details).toEqual([{ path: 'operation', message: expect.stringContaining('kling-v2 does generate, multi_reference, expand') }])
      expect((await simStats()).creates.generations).toBe(0)
    })

    it('refuses values the model does not offer: 4k, 21:9 on kling-v1, 2k on kling-v1-5, image_fidelity on kling-v3', async () => {
      const cases = [
        [{ ...generate, resolution: '4k' }, 'resolution'],
        [{ ...generate, model: 'kling-v1', aspect_ratio: '21:9' }, 'aspect_ratio'],
        [{ ...generate, model: 'kling-v1-5', resolution: '2k' }, 'resolution'],
        [{ operation: 'image_to_image', prompt: 'p', image: await pngBase64Async(300, 300), image_fidelity: 0.3 }, 'image_fidelity'],
      ] as const
      for (const [body, path] of cases) {
        const reply = await createJob(body)
        expect(reply.status, path).toBe(400)
        expect(reply.body.error.details).toEqual([expect.objectContaining({ path })])
      }
      expect((await simStats()).creates.generations).toBe(0)
    })

    it('checks the input image from its bytes, one detail per broken rule', async () => {
      const gif = btoa('GIF89a' + String.fromCharCode(44, 1, 44, 1) + '\0'.repeat(20))
      const cases: [string, RegExp][] = [
        ['not base64!', /base64/],
        [gif, /GIF/],
        [await pngBase64Async(200, 320), /200x320 px/],
        [await pngBase64Async(900, 300), /aspect ratio .* 3\.00/],
        [toBase64(jpegBytes(1000, 800, 10 * 1024 * 1024 + 10)), /10\.0 MB; at most 10 MB/],
        ['data:image/png,abc', /base64-encoded/],
      ]
      for (const [image, message] of cases) {
        const reply = await createJob({ operation: 'image_to_image', prompt: 'p', image })
        expect(reply.status).toBe(400)
        expect(reply.body.error.details).toEqual([{ path: 'image', message: expect.stringMatching(message) }])
      }
      const both = await createJob({ operation: 'image_to_image', prompt: 'p', image: await pngBase64Async(100, 260) })
      expect(both.body.error.details).toHaveLength(2)
      expect((await simStats()).creates.generations).toBe(0)
    })

    it('rejects an Idempotency-Key that is too long', async () => {
      const reply = await createJob(generate, { headers: { 'Idempotency-Key': 'k'.repeat(129) } })
      expect(reply.status).toBe(400)
      expect(reply.body.error.details).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })])
    })
  })

  describe('upstream refusals', () => {
    it('maps 1102 to 402 insufficient_credits, fails the job and refunds it', async () => {
      await simConfig({ faults: { create: [{ status: 429, code: 1102 }] } })
      const reply = await createJob({ ...generate, n: 3 })
      expect(reply.status).toBe(402)
      expect(reply.body.error.code).toBe('insufficient_credits')
      const results = await ownerSql('alice', 'SELECT * FROM jobs')
      expect(results).toHaveLength(1)
      expect(results[0]).toMatchObject({ status: 'failed', error_code: 'insufficient_credits', charged: 0 })
      expect(await usedToday()).toBe(0)
      expect((await simStats()).requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    })

    it('maps a content-policy refusal (1301) to 422 with the reason in plain words', async () => {
      const reply = await createJob({ ...generate, prompt: 'something forbidden' })
      expect(reply.status).toBe(422)
      expect(reply.body.error.code).toBe('content_rejected')
      expect(reply.body.error.message).toMatch(/^Kling's content policy refused this request: .+/)
      expect(await usedToday()).toBe(0)
    })

    it('maps 1201 (we sent something wrong) to 502 upstream_error', async () => {
      await simConfig({ faults: { create: [{ status: 400, code: 1201, message: 'invalid param' }] } })
      const reply = await createJob(generate)
      expect(reply.status).toBe(502)
      expect(reply.body.error.code).toBe('upstream_error')
    })

    it.each([
      [429, 1302],
      [429, 1303],
      [500, 5000],
      [503, 5001],
      [504, 5002],
    ])('retries HTTP %i code %i with backoff, then succeeds with one task', async (status, code) => {
      await simConfig({ faults: { create: [{ status, code }, { status, code }] } })
      const reply = await createJob(generate)
      expect(reply.status).toBe(202)
      const stats = await simStats()
      expect(stats.requests.filter((r) => r.method === 'POST')).toHaveLength(3)
      expect(await simTasks()).toHaveLength(1)
    })

    it('looks the task up after a create answered 200 with a body cut short, instead of failing a job Kling runs', async () => {
      // Chaos seed 10 at rate 1: the create makes the task and answers half its JSON; the lookup that follows passes.
      await simConfig({ chaos: { rate: 1, seed: 10, stallMs: 0 } })
      const reply = await createJob(generate)
      await simConfig({ chaos: null })
      expect(reply.status, JSON.stringify(reply.body)).toBe(202)
      expect((await getJob(reply.body.id, 15)).body.status).toBe('succeeded')
      expect(await simTasks()).toHaveLength(1)
      expect((await simStats()).creates.generations).toBe(1)
    })

    it('after three 1303s puts the task back at the head of the queue instead of failing the job', async () => {
      await simConfig({ faults: { create: [1, 2, 3].map(() => ({ status: 429, code: 1303 })) } })
      const reply = await createJob(generate)
      expect(reply.status).toBe(202)
      expect(reply.body).toMatchObject({ status: 'queued', queue_position: 1, error: null })
      expect(await usedToday()).toBe(1)
      // The queue pauses about a second after the seller said "full", then submits it again.
      expect((await getJob(reply.body.id, 15)).body.status).toBe('succeeded')
      expect(await simTasks()).toHaveLength(1)
    })

  })

  describe('Kling auth', () => {
    it('signs a JWT by default and sends the API key as-is when KLING_API_KEY is set', async () => {
      await createJob(generate)
      await createJob(generate, { env: { KLING_API_KEY: 'dev-api-key' } })
      const posts = (await simStats()).requests.filter((r) => r.method === 'POST')
      expect(posts.map((r) => r.auth)).toEqual(['jwt', 'api_key'])
    })

    it('re-signs once after 1004 (expired) and succeeds', async () => {
      await simConfig({ faults: { create: [{ status: 401, code: 1004 }] } })
      const reply = await createJob(generate)
      expect(reply.status).toBe(202)
      expect((await simStats()).requests.filter((r) => r.method === 'POST')).toHaveLength(2)
    })

    it('re-signs once after 1003 (not yet valid: clock skew) and succeeds', async () => {
      await simConfig({ faults: { create: [{ status: 401, code: 1003 }] } })
      const reply = await createJob(generate)
      expect(reply.status).toBe(202)
      expect((await simStats()).requests.filter((r) => r.method === 'POST')).toHaveLength(2)
    })

    it('sends Content-Type on every request to Kling, GETs included', async () => {
      const created = await createJob(generate)
      await call(`/v1/jobs/${created.body.id}?wait=5`)
      const requests = (await simStats()).requests.filter((r) => r.path.startsWith('/v1/'))
      expect(requests.some((r) => r.method === 'GET')).toBe(true)
      for (const r of requests) expect(r.contentType, `${r.method} ${r.path}`).toBe('application/json')
    })

    it('retries a bare HTTP 429 or 503 without an envelope instead of failing the job', async () => {
      await simConfig({ faults: { create: [{ status: 429, code: 0, bare: true }, { status: 503, code: 0, bare: true }] } })
      const reply = await createJob(generate)
      expect(reply.status).toBe(202)
    })

    it('after three bare gateway errors, with Kling having no such task, answers 503 naming the HTTP status and refunds', async () => {
      await simConfig({ faults: { create: [1, 2, 3].map(() => ({ status: 502, code: 0, bare: true })) } })
      const reply = await createJob(generate)
      expect(reply.status).toBe(503)
      expect(reply.body.error.message).toBe('Kling is busy or unavailable (HTTP 502); try again in a few seconds.')
      expect(await simTasks()).toHaveLength(0)
      expect(await usedToday()).toBe(0)
    })

    it('answers 503 when the credentials are refused again after the re-sign', async () => {
      await simConfig({ faults: { create: [{ status: 401, code: 1004 }, { status: 401, code: 1004 }] } })
      const reply = await createJob(generate)
      expect(reply.status).toBe(503)
      expect(reply.body.error.code).toBe('upstream_unavailable')
      expect((await simStats()).requests.filter((r) => r.method === 'POST')).toHaveLength(2)
    })

    it('answers 503 when the key pair is wrong', async () => {
      const reply = await createJob(generate, { env: { KLING_SECRET_KEY: 'not-the-secret' } })
      expect(reply.status).toBe(503)
      expect(reply.body.error.message).toMatch(/credentials/)
    })
  })

  describe('Idempotency-Key', () => {
    it('answers 200 with the same job the second time, with no second upstream create', async () => {
      const headers = { 'Idempotency-Key': 'frame-42-try-1' }
      const first = await createJob(generate, { headers })
      const second = await createJob({ ...generate, n: 4 }, { headers })
      expect(first.status).toBe(202)
      expect(second.status).toBe(200)
      expect(second.body.id).toBe(first.body.id)
      expect(await simTasks()).toHaveLength(1)
      expect(await usedToday()).toBe(1)
    })

    it('keeps keys per owner', async () => {
      const headers = { 'Idempotency-Key': 'shared-key' }
      const a = await createJob(generate, { headers })
      const b = await createJob(generate, { headers, as: 'bob' })
      expect(b.status).toBe(202)
      expect(b.body.id).not.toBe(a.body.id)
    })

    it('lets concurrent requests with one key create one job', async () => {
      const headers = { 'Idempotency-Key': 'race' }
      const replies = await Promise.all([1, 2, 3, 4].map(() => createJob(generate, { headers })))
      expect(new Set(replies.map((r) => r.body.id)).size).toBe(1)
      expect(replies.filter((r) => r.status === 202)).toHaveLength(1)
      expect(replies.filter((r) => r.status === 200)).toHaveLength(3)
      expect(await simTasks()).toHaveLength(1)
      expect(await usedToday()).toBe(1)
    })

    it('survives a lost upstream response: one task, found by our job id, and a replay returns the job', async () => {
      await simConfig({ faults: { dropCreate: 1 } })
      const headers = { 'Idempotency-Key': 'lost-response' }
      const first = await createJob(generate, { headers })
      expect(first.status).toBe(202)
      const replay = await createJob(generate, { headers })
      expect(replay.status).toBe(200)
      expect(replay.body.id).toBe(first.body.id)
      const tasks = await simTasks()
      expect(tasks).toHaveLength(1)
      expect(tasks[0].external_task_id).toBe(first.body.id)
      expect((await dbJob(first.body.id))?.task_id).toBe(tasks[0].task_id)
    })

    it('honours a key for 24 hours only', async () => {
      const headers = { 'Idempotency-Key': 'old-key' }
      const first = await createJob(generate, { headers })
      await ownerSql('alice', 'UPDATE idempotency_keys SET created_at = created_at - 86400001')
      const again = await createJob(generate, { headers })
      expect(again.status).toBe(202)
      expect(again.body.id).not.toBe(first.body.id)
    })
  })

  describe('budget and limits', () => {
    it('answers 402 once the daily budget is used up', async () => {
      const env = { DAILY_IMAGE_LIMIT: '3' }
      expect((await createJob({ ...generate, n: 2 }, { env })).status).toBe(202)
      const over = await createJob({ ...generate, n: 2 }, { env })
      expect(over.status).toBe(402)
      expect(over.body.error.code).toBe('insufficient_credits')
      expect(over.body.error.message).toMatch(/only 1 of your 3 daily images are left/)
      expect((await createJob(generate, { env })).status).toBe(202)
    })

    it('never overspends under concurrent creates', async () => {
      const env = { DAILY_IMAGE_LIMIT: '5' }
      const replies = await Promise.all([1, 2, 3, 4, 5].map(() => createJob({ ...generate, n: 2 }, { env })))
      expect(replies.filter((r) => r.status === 202)).toHaveLength(2)
      expect(replies.filter((r) => r.status === 402)).toHaveLength(3)
      expect(await usedToday()).toBe(4)
    })

    it('answers 429 rate_limited with Retry-After when the owner has too many unfinished jobs', async () => {
      const env = { MAX_ACTIVE_JOBS: '1' }
      expect((await createJob(generate, { env })).status).toBe(202)
      const reply = await createJob(generate, { env })
      expect(reply.status).toBe(429)
      expect(reply.body.error.code).toBe('rate_limited')
      expect(reply.headers.get('Retry-After')).toBe('5')
      expect(await usedToday()).toBe(1)
      expect((await createJob(generate, { env, as: 'bob' })).status).toBe(202)
    })
  })

  it('answers 401 without a valid token', async () => {
    for (const as of [null] as const) {
      const reply = await createJob(generate, { as })
      expect(reply.status).toBe(401)
      expect(reply.body.error.code).toBe('unauthorized')
    }
    const wrong = await call('/v1/jobs', { as: null, method: 'POST', body: generate, headers: { Authorization: 'Bearer alice-token-7f3a9d' } })
    expect(wrong.status).toBe(401)
  })
})
