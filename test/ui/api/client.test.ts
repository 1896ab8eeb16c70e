import { describe, expect, test } from 'vitest'
import { ApiError } from '../../../ui/api/api-error'
import { ApiClient, parseRetryAfter } from '../../../ui/api/client'
import { makeCaps, makeJob } from '../fixtures'

interface Call {
  url: string
  init: RequestInit
}

function client(respond: (call: Call) => Response | Promise<Response>, token = 'tok') {
  const calls: Call[] = []
  const fetch = (async (url: string, init: RequestInit) => {
    const call = { url: String(url), init }
    calls.push(call)
    return respond(call)
  }) as typeof globalThis.fetch
  return { api: new ApiClient({ baseUrl: 'https://kf.example.dev/', token, fetch }), calls }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })
const header = (call: Call, name: string) => new Headers(call.init.headers).get(name)

describe('createJob', () => {
  test('POSTs JSON with the token and the idempotency key; 202 means created', async () => {
    const { api, calls } = client(() => json(202, makeJob({ id: 'job_1' })))
    const result = await api.createJob({ operation: 'generate', prompt: 'cat' }, { idempotencyKey: 'key-1' })
    expect(result).toMatchObject({ created: true, job: { id: 'job_1' } })
    expect(calls[0].url).toBe('https://kf.example.dev/v1/jobs')
    expect(calls[0].init.method).toBe('POST')
    expect(header(calls[0], 'Authorization')).toBe('Bearer tok')
    expect(header(calls[0], 'Idempotency-Key')).toBe('key-1')
    expect(header(calls[0], 'Content-Type')).toBe('application/json')
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ operation: 'generate', prompt: 'cat' })
  })

  test('a repeated key answered with 200 is the same job, not a new one', async () => {
    const { api } = client(() => json(200, makeJob({ id: 'job_1' })))
    expect((await api.createJob({ operation: 'generate', prompt: 'cat' }, { idempotencyKey: 'k' })).created).toBe(false)
  })
})

describe('errors', () => {
  test('the contract error body becomes an ApiError with its details and Retry-After', async () => {
    const { api } = client(() =>
      json(429, { error: { code: 'rate_limited', message: 'Too many', details: [{ path: 'n', message: 'x' }] } }, { 'Retry-After': '7' }),
    )
    const error = await api.getJob('job_1').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', message: 'Too many', retryAfter: 7, details: [{ path: 'n', message: 'x' }] })
  })

  test('a non-JSON error text gets a code from its status and a short text', async () => {
    const { api } = client(() => new Response('upstream connect error', { status: 502 }))
    await expect(api.capabilities()).rejects.toMatchObject({ status: 502, code: 'upstream_error', message: 'upstream connect error' })
  })

  test('a web page (a proxy error page, a captive portal) is html_response, named by its status and title', async () => {
    const page = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>'
    const { api } = client(() => new Response(page, { status: 502, headers: { 'Content-Type': 'text/html' } }))
    await expect(api.capabilities()).rejects.toMatchObject({
      status: 502,
      code: 'html_response',
      message: 'A web page answered instead of the backend (HTTP 502: "502 Bad Gateway").',
    })
    const portal = client(() => new Response('<html><title>Hotel Wi-Fi login</title></html>', { status: 200 })).api
    await expect(portal.getJob('job_1')).rejects.toMatchObject({ status: 200, code: 'html_response' })
    const image = client(() => new Response(page, { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' } })).api
    await expect(image.fetchImage('http://x.test/v1/jobs/j/images/0')).rejects.toMatchObject({ code: 'html_response' })
  })

  test('a 200 that is not JSON is bad_response, quoting its first words', async () => {
    const { api } = client(() => new Response('OK, job accepted', { status: 200 }))
    await expect(api.getJob('job_1', { wait: 20 })).rejects.toMatchObject({
      code: 'bad_response',
      message: 'The backend\'s answer to /v1/jobs/job_1 was not understood (it is not JSON: "OK, job accepted").',
    })
  })

  test('no answer at all (offline, DNS, CORS) is status 0 network_error', async () => {
    const { api } = client(() => Promise.reject(new TypeError('Failed to fetch')))
    await expect(api.capabilities()).rejects.toMatchObject({ status: 0, code: 'network_error', message: 'Failed to fetch' })
  })

  test('an abort is passed through untouched', async () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' })
    const { api } = client(() => Promise.reject(abort))
    await expect(api.getJob('j', { wait: 20 })).rejects.toBe(abort)
  })

  test('a body that does not match the schema is bad_response', async () => {
    const { api } = client(() => json(200, { jobs: 'nope' }))
    await expect(api.listJobs()).rejects.toMatchObject({ code: 'bad_response' })
  })
})

describe('routes', () => {
  test('health sends no token; capabilities, list and get do', async () => {
    const { api, calls } = client(({ url }) => {
      if (url.endsWith('/v1/health')) return json(200, { ok: true, provider: 'kling', version: '1.0.0' })
      if (url.includes('/v1/capabilities')) return json(200, makeCaps())
      if (url.includes('/v1/jobs?')) return json(200, { jobs: [makeJob({ id: 'a' })], next_cursor: null })
      return json(200, makeJob({ id: 'a', status: 'running' }))
    })
    await api.health()
    await api.capabilities()
    await api.listJobs({ limit: 5, cursor: 'c1' })
    await api.getJob('job 1', { wait: 20 })
    expect(header(calls[0], 'Authorization')).toBeNull()
    expect(header(calls[1], 'Authorization')).toBe('Bearer tok')
    expect(calls[2].url).toBe('https://kf.example.dev/v1/jobs?limit=5&cursor=c1')
    expect(calls[3].url).toBe('https://kf.example.dev/v1/jobs/job%201?wait=20')
  })

  test('cancelJob is a DELETE', async () => {
    const { api, calls } = client(() => json(200, makeJob({ id: 'a', status: 'canceled' })))
    await expect(api.cancelJob('a')).resolves.toMatchObject({ status: 'canceled' })
    expect(calls[0].init.method).toBe('DELETE')
  })

  test('fetchImage returns bytes and type, with the token', async () => {
    const { api, calls } = client(() => new Response(new Uint8Array([1, 2, 3]), { headers: { 'Content-Type': 'image/png' } }))
    const image = await api.fetchImage('https://kf.example.dev/v1/jobs/a/images/0')
    expect([...image.bytes]).toEqual([1, 2, 3])
    expect(image.contentType).toBe('image/png')
    expect(header(calls[0], 'Authorization')).toBe('Bearer tok')
  })
})

describe('imageUrl', () => {
  const { api } = client(() => json(200, {}))
  test.each([
    ['https://kf.example.dev/v1/jobs/a/images/0', 'https://kf.example.dev/v1/jobs/a/images/0'],
    ['/v1/jobs/a/images/1', 'https://kf.example.dev/v1/jobs/a/images/1'],
    ['http://127.0.0.1:8787/v1/jobs/a/images/0', 'https://kf.example.dev/v1/jobs/a/images/0'],
    ['https://cdn.elsewhere.com/picture.png', 'https://cdn.elsewhere.com/picture.png'],
  ])('%s → %s (the token only goes to the backend)', (url, expected) => {
    expect(api.imageUrl(url)).toBe(expected)
  })
})

test.each([
  [null, null],
  ['12', 12],
  ['Thu, 21 Nov 2026 10:00:30 GMT', 30],
  ['soon', null],
])('parseRetryAfter(%s) = %s', (value, seconds) => {
  expect(parseRetryAfter(value, Date.parse('2026-11-21T10:00:00Z'))).toBe(seconds)
})
