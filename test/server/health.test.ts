import { beforeEach, describe, expect, it } from 'vitest'
import pkg from '../../package.json'
import { call, resetWorld } from './helpers'

beforeEach(() => resetWorld())

describe('GET /v1/health', () => {
  it('answers ok with provider and version, without auth', async () => {
    const reply = await call('/v1/health', { as: null })
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ ok: true, provider: 'kling', version: pkg.version })
    expect(reply.headers.get('Access-Control-Allow-Origin')).toBe('*')
  })

  it('answers 503 with the reason when PROVIDER names no provider', async () => {
    const reply = await call('/v1/health', { as: null, env: { PROVIDER: 'midjourney' } })
    expect(reply.status).toBe(503)
    expect(reply.body).toMatchObject({ ok: false, provider: 'midjourney', version: pkg.version })
    expect(reply.body.reason).toBe('PROVIDER must be one of kling, fal, pixeldojo, apimodels.')
  })

  it.each([
    ['fal', 'FAL_KEY'],
    ['pixeldojo', 'PIXELDOJO_API_KEY'],
    ['apimodels', 'APIMODELS_API_KEY'],
  ])('answers 503 naming the missing key of seller %s', async (provider, keyVar) => {
    const reply = await call('/v1/health', { as: null, env: { PROVIDER: provider, [keyVar]: undefined } })
    expect(reply.status).toBe(503)
    expect(reply.body.reason).toContain(keyVar)
  })

  it('answers 503 naming a seller base that is not a URL', async () => {
    const reply = await call('/v1/health', { as: null, env: { PROVIDER: 'apimodels', APIMODELS_API_BASE: 'apimodels.app' } })
    expect(reply.status).toBe(503)
    expect(reply.body.reason).toBe('APIMODELS_API_BASE must be an http(s) URL.')
  })

  it('answers 503 when Kling credentials are missing, naming the settings but no value', async () => {
    const reply = await call('/v1/health', { as: null, env: { KLING_SECRET_KEY: undefined } })
    expect(reply.status).toBe(503)
    expect(reply.body.reason).toMatch(/KLING_ACCESS_KEY and KLING_SECRET_KEY/)
    expect(reply.text).not.toContain('dev-access-key')
  })

  it('answers 503 naming CALLBACK_SECRET when PUBLIC_BASE_URL is set without it', async () => {
    const reply = await call('/v1/health', { as: null, env: { PUBLIC_BASE_URL: 'https://kf.example.dev', CALLBACK_SECRET: undefined } })
    expect(reply.status).toBe(503)
    expect(reply.body.reason).toMatch(/CALLBACK_SECRET/)
    expect((await call('/v1/health', { as: null, env: { PUBLIC_BASE_URL: 'https://kf.example.dev' } })).status).toBe(200)
  })

  it('answers 503 naming JOB_DEADLINE_S outside 30 to 600 seconds', async () => {
    for (const value of ['29', '601', '1.5', 'ten']) {
      const reply = await call('/v1/health', { as: null, env: { JOB_DEADLINE_S: value } })
      expect(reply.status).toBe(503)
      expect(reply.body.reason).toBe('JOB_DEADLINE_S must be a whole number of seconds from 30 to 600.')
    }
    expect((await call('/v1/health', { as: null, env: { JOB_DEADLINE_S: '90' } })).status).toBe(200)
  })

  it('answers 503 when CLIENT_TOKENS is malformed', async () => {
    const reply = await call('/v1/health', { as: null, env: { CLIENT_TOKENS: 'no-colon-here' } })
    expect(reply.status).toBe(503)
    expect(reply.body.reason).toMatch(/CLIENT_TOKENS entry 1/)
    expect(reply.text).not.toContain('no-colon-here')
  })
})

describe('a misconfigured provider on other routes', () => {
  it('answers 503 upstream_unavailable naming the setting, with Retry-After', async () => {
    for (const path of ['/v1/capabilities', '/v1/jobs']) {
      const reply = await call(path, { env: { PROVIDER: 'pixeldojo', PIXELDOJO_API_KEY: undefined } })
      expect(reply.status).toBe(503)
      expect(reply.body.error.code).toBe('upstream_unavailable')
      expect(reply.body.error.message).toMatch(/PIXELDOJO_API_KEY/)
      expect(reply.headers.get('Retry-After')).toBeTruthy()
    }
  })
})
