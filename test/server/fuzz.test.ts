/**
 * Hostile input, generated: every route with random methods, paths, headers, content types and bodies; invalid,
 * huge and deeply nested JSON; broken base64 and images whose header lies; tampered and foreign signed tokens.
 * The server must never answer 5xx, must always answer errors in the JSON envelope with a useful message, and must
 * still be healthy afterwards. Bounded: a fixed number of runs per property, a few seconds in all.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { callbackTokenAsync } from '../../server/auth/callback-token'
import { callRaw, createJob, getJob, jpegBytes, pngBase64Async, resetWorld, TEST_VARS, toBase64, TOKENS } from './helpers'

const RUNS = 120

/** What every answer must satisfy, whatever was sent. */
async function expectSaneAnswer(response: Response, context: string): Promise<void> {
  expect(response.status, context).toBeLessThan(500)
  expect(response.headers.get('Access-Control-Allow-Origin'), context).toBe('*')
  if (response.status < 400 || context.startsWith('HEAD ')) return
  expect(response.headers.get('Content-Type'), context).toMatch(/^application\/json/)
  const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown } }
  expect(typeof body.error?.code, context).toBe('string')
  expect(typeof body.error?.message, context).toBe('string')
  expect((body.error!.message as string).length, context).toBeGreaterThan(10)
  if (body.error?.details !== undefined) {
    for (const detail of body.error.details as { path: unknown; message: unknown }[]) {
      expect(typeof detail.path, context).toBe('string')
      expect(typeof detail.message, context).toBe('string')
    }
  }
}

const ROUTES = ['/v1/health', '/v1/capabilities', '/v1/jobs', '/v1/changes', '/v1/openapi.json', '/v1/jobs/{id}', '/v1/jobs/{id}/images/{index}', '/v1/callbacks/kling/{token}', '/v1/inputs/{token}']

const segment = fc.oneof(
  fc.constantFrom('job_01JD0000000000000000000000', 'job_', '..', '%2e%2e', '%00', '0', '-1', '99', 'x'.repeat(300), '😀', '%', '%zz'),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
)

const path = fc.oneof(
  fc.tuple(fc.constantFrom(...ROUTES), segment, segment, segment).map(([route, a, b, c]) => route.replace('{id}', a).replace('{index}', b).replace('{token}', c)),
  fc.array(segment, { maxLength: 5 }).map((parts) => `/v1/${parts.join('/')}`),
  fc.constantFrom('/', '/v2/jobs', '/v1', '/v1/', '/v1//jobs', '/V1/JOBS', '/v1/jobs?limit=0', '/v1/jobs?limit=abc&cursor=', '/v1/jobs/x?wait=-1', '/v1/jobs/x?wait=1e9', '/v1/changes?after=%ff'),
)

const authorization = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(`Bearer ${TOKENS.alice}`, `bearer ${TOKENS.bob}`, `Bearer ${TOKENS.alice}x`, 'Bearer', 'Basic YWxpY2U6eA==', `Bearer  ${TOKENS.alice} extra`),
  fc.string({ maxLength: 80 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
)

const contentType = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16', 'image/png'),
)

/** JSON nested `depth` levels deep, built as text so the generator itself cannot overflow. */
const deepJson = fc.integer({ min: 100, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth))

const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 4 }),
  fc.string({ maxLength: 200 }),
  deepJson,
  fc.constantFrom('{', '{"operation":', 'null', '[]', '"x"', '{"operation":"generate","prompt":"p"}garbage', '\u0000\u0001'),
  fc.integer({ min: 1, max: 3 }).map((mb) => `{"operation":"generate","prompt":"${'x'.repeat(mb * 1024 * 1024)}"}`),
)

describe('fuzz: every route with random requests', () => {
  beforeAll(() => resetWorld({ delayMs: 60_000 }))

  it(`never answers 5xx and always answers errors as JSON (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS'), path, authorization, contentType, body, async (method, url, auth, type, payload) => {
        const headers: Record<string, string> = {}
        if (auth !== undefined) headers.Authorization = auth
        if (type !== undefined) headers['Content-Type'] = type
        const canHaveBody = method !== 'GET' && method !== 'HEAD'
        const response = await callRaw(url, { method, headers, body: canHaveBody ? payload : undefined })
        await expectSaneAnswer(response, `${method} ${url.slice(0, 120)}`)
      }),
      { numRuns: RUNS },
    )
  })
})

/** Field values of every kind, for bodies that are objects with the API's own field names. */
const anyValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 12 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 5 }),
  fc.constantFrom('generate', 'image_to_image', 'expand', 'multi_reference', 'omni', '16:9', 'auto', '4k', 'series', 'kling-v3', 'kling-v2-new', 'kling-image-o1'),
)
const FIELDS = ['operation', 'model', 'prompt', 'negative_prompt', 'aspect_ratio', 'resolution', 'n', 'image', 'image_reference', 'image_fidelity', 'human_fidelity', 'expansion', 'subject_images', 'scene_image', 'style_image', 'images', 'result_type', 'series_amount', 'client_ref', 'typo_field']

describe('fuzz: POST /v1/jobs bodies made of the API fields with values of every kind', () => {
  beforeAll(() => resetWorld({ delayMs: 60_000 }))

  it(`answers 202 or a specific 4xx naming the field, never 5xx (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { minKeys: 1, maxKeys: 8 }), async (fields) => {
        const response = await callRaw('/v1/jobs', {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKENS.bob}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(fields),
        })
        await expectSaneAnswer(response.clone(), JSON.stringify(fields).slice(0, 200))
        if (response.status === 400) {
          const { error } = (await response.json()) as { error: { code: string; details?: { path: string }[] } }
          if (error.code === 'invalid_request') expect(error.details?.length, JSON.stringify(fields)).toBeGreaterThan(0)
        }
      }),
      { numRuns: RUNS },
    )
  })
})

describe('fuzz: broken and lying images', () => {
  let png: Uint8Array
  beforeAll(async () => {
    await resetWorld({ delayMs: 60_000 })
    png = Uint8Array.from(atob(await pngBase64Async(320, 320)), (c) => c.charCodeAt(0))
  })

  /** Real image bytes with damage: truncated, a header claiming another size or type, flipped bytes. */
  const damaged = fc.oneof(
    fc.integer({ min: 8, max: 200 }).map((keep) => ({ kind: 'truncated png', bytes: () => png.slice(0, keep) })),
    fc.tuple(fc.integer({ min: 1, max: 65_535 }), fc.integer({ min: 1, max: 65_535 })).map(([w, h]) => ({
      kind: `png header claims ${w}x${h}`,
      bytes: () => {
        const copy = png.slice()
        new DataView(copy.buffer).setUint32(16, w)
        new DataView(copy.buffer).setUint32(20, h)
        return copy
      },
    })),
    fc.tuple(fc.integer({ min: 1, max: 9000 }), fc.integer({ min: 1, max: 9000 })).map(([w, h]) => ({ kind: `jpeg header only, ${w}x${h}`, bytes: () => jpegBytes(w, h) })),
    fc.constantFrom(
      { kind: 'gif', bytes: () => new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000') },
      { kind: 'png signature only', bytes: () => png.slice(0, 8) },
      { kind: 'empty', bytes: () => new Uint8Array(0) },
    ),
    fc.tuple(fc.integer({ min: 8, max: 400 }), fc.integer({ min: 0, max: 255 })).map(([at, value]) => ({
      kind: `byte ${at} set to ${value}`,
      bytes: () => {
        const copy = png.slice()
        copy[Math.min(at, copy.length - 1)] = value
        return copy
      },
    })),
  )

  const encoding = fc.constantFrom(
    (b64: string) => b64,
    (b64: string) => `data:image/png;base64,${b64}`,
    (b64: string) => `data:image/jpeg;base64,${b64}`,
    (b64: string) => `data:image/png,${b64}`,
    (b64: string) => `${b64.slice(0, -1)}`,
    (b64: string) => `${b64}!!`,
    (b64: string) => b64.replace(/[A-Z]/g, '-'),
  )

  it(`answers 202 or 400 naming the image field, never 5xx (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(damaged, encoding, async (image, encode) => {
        const bytes = image.bytes()
        const value = encode(bytes.length ? toBase64(bytes) : '')
        const response = await callRaw('/v1/jobs', {
          method: 'POST',
          headers: { Authorization: `Bearer ${TOKENS.bob}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ operation: 'image_to_image', prompt: 'p', image: value }),
        })
        await expectSaneAnswer(response.clone(), image.kind)
        if (response.status === 400) {
          const { error } = (await response.json()) as { error: { details?: { path: string }[] } }
          expect(error.details?.map((d) => d.path), image.kind).toContain('image')
        }
      }),
      { numRuns: RUNS },
    )
  })
})

describe('fuzz: tampered signed tokens', () => {
  it(`refuses every tampered callback token with 404 (${RUNS} runs)`, async () => {
    await resetWorld({ delayMs: 60_000 })
    const job = await createJob({ operation: 'generate', prompt: 'p' })
    const good = await callbackTokenAsync({ owner: 'alice', jobId: job.body.id }, TEST_VARS.CALLBACK_SECRET)
    const tamper = fc.oneof(
      fc.tuple(fc.nat(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.')).map(([at, ch]) => {
        const i = at % good.length
        return good.slice(0, i) + ch + good.slice(i + 1)
      }),
      fc.nat().map((cut) => good.slice(0, cut % good.length)),
      fc.string({ maxLength: 8 }).map((extra) => good + extra),
      fc.string({ maxLength: 90 }),
    )
    await fc.assert(
      fc.asyncProperty(tamper, async (token) => {
        fc.pre(token !== good)
        const response = await callRaw(`/v1/callbacks/kling/${encodeURIComponent(token)}`, { method: 'POST', body: '{}' })
        expect(response.status, token).toBe(404)
        await expectSaneAnswer(response, token)
      }),
      { numRuns: RUNS },
    )
    expect((await getJob(job.body.id)).body.status).toBe('queued')
  })
})

describe('after the fuzzing', () => {
  it('the server is still healthy and still runs a job to the end', async () => {
    await resetWorld()
    expect((await callRaw('/v1/health', {})).status).toBe(200)
    const job = await createJob({ operation: 'generate', prompt: 'still fine' })
    expect(job.status).toBe(202)
    expect((await getJob(job.body.id, 10)).body.status).toBe('succeeded')
  })
})
