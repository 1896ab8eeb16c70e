import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { call, createJob, getJob, resetWorld, simConfig, TEST_VARS, TOKENS } from './helpers'

beforeEach(() => resetWorld())
afterEach(() => vi.restoreAllMocks())

/** Console lines the Worker writes while `run` runs. */
async function logLines(run: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = []
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')))
  }
  await run()
  vi.restoreAllMocks()
  return lines
}

const requestLines = (lines: string[]) =>
  lines.flatMap((line) => {
    try {
      const parsed = JSON.parse(line)
      return parsed.event === 'request' ? [parsed] : []
    } catch {
      return []
    }
  })

describe('security headers', () => {
  it('are on every answer, errors and preflights included, beside CORS for the null-origin panel', async () => {
    const replies = [
      await call('/v1/health', { as: null }),
      await call('/v1/capabilities'),
      await call('/v1/jobs', { as: null }),
      await call('/v1/nowhere'),
      await call('/v1/jobs', { method: 'OPTIONS', as: null, headers: { Origin: 'null', 'Access-Control-Request-Method': 'POST' } }),
    ]
    for (const reply of replies) {
      expect(reply.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect(reply.headers.get('X-Frame-Options')).toBe('DENY')
      expect(reply.headers.get('Content-Security-Policy')).toContain("frame-ancestors 'none'")
      expect(reply.headers.get('Strict-Transport-Security')).toMatch(/max-age=\d+/)
      expect(reply.headers.get('Referrer-Policy')).toBe('no-referrer')
      // The panel reads result images cross-origin.
      expect(reply.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin')
      expect(reply.headers.get('Access-Control-Allow-Origin')).toBe('*')
    }
  })
})

describe('request log', () => {
  it('writes one JSON line per request with owner, route, status, duration and job id, and no secret', async () => {
    let id = ''
    const lines = await logLines(async () => {
      id = (await createJob({ operation: 'generate', prompt: 'a secret-looking prompt' })).body.id
      await getJob(id, 5)
      await call('/v1/jobs', { as: null, headers: { Authorization: `Bearer ${TOKENS.bob}x` } })
      await call(`/v1/jobs/${id}`, { as: 'bob' })
    })
    const requests = requestLines(lines)
    expect(requests).toHaveLength(4)
    expect(requests[0]).toMatchObject({ level: 'info', method: 'POST', route: '/v1/jobs', status: 202, owner: 'alice', job_id: id, upstream_code: null })
    expect(requests[1]).toMatchObject({ method: 'GET', route: '/v1/jobs/:id', status: 200, owner: 'alice', job_id: id })
    expect(requests[2]).toMatchObject({ route: '/v1/jobs', status: 401, owner: null })
    expect(requests[3]).toMatchObject({ route: '/v1/jobs/:id', status: 404, owner: 'bob', job_id: id })
    for (const request of requests) expect(request.duration_ms).toBeGreaterThanOrEqual(0)
    for (const line of lines) {
      for (const secret of [TOKENS.alice, TOKENS.bob, TEST_VARS.KLING_SECRET_KEY, 'secret-looking']) expect(line).not.toContain(secret)
    }
  })

  it('names the upstream code behind a refused job', async () => {
    await simConfig({ faults: { create: [{ status: 429, code: 1102 }] } })
    const lines = await logLines(() => createJob({ operation: 'generate', prompt: 'p' }))
    expect(requestLines(lines)).toEqual([expect.objectContaining({ route: '/v1/jobs', status: 402, upstream_code: 1102 })])
  })
})

describe('per-owner request rate', () => {
  const carol = 'carol-token-5b9e01'
  const tokens = `${TEST_VARS.CLIENT_TOKENS},carol:${carol}`

  for (const [name, binding] of [['the rate-limiting binding', {}], ['the fallback without the binding', { OWNER_RATE_LIMITER: undefined }]] as const) {
    it(`answers 429 rate_limited with Retry-After past 600 a minute, per owner (${name})`, async () => {
      const env = { CLIENT_TOKENS: tokens, ...binding }
      const headers = { Authorization: `Bearer ${carol}` }
      let limited = null
      for (let i = 0; i < 1300 && !limited; i++) {
        const reply = await call('/v1/jobs?limit=1', { as: null, headers, env })
        if (reply.status === 429) limited = { i, reply }
        else expect(reply.status).toBe(200)
      }
      // The binding counts in fixed windows of the clock minute, so a run that spans a window boundary may pass a few
      // more; it never limits early. The fallback's window starts with the owner's first request: exactly 600.
      if (name === 'the fallback without the binding') expect(limited?.i).toBe(600)
      else expect(limited?.i).toBeGreaterThanOrEqual(600)
      expect(limited?.reply.body.error.code).toBe('rate_limited')
      expect(Number(limited?.reply.headers.get('Retry-After'))).toBeGreaterThan(0)
      // Another owner is not affected.
      expect((await call('/v1/jobs?limit=1', { as: 'bob', env })).status).toBe(200)
    })
  }
})
