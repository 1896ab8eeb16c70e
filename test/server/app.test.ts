import { beforeEach, describe, expect, it } from 'vitest'
import { call, callRaw, resetWorld, TOKENS } from './helpers'
import type { Env } from '../../server/env'

beforeEach(() => resetWorld())

describe('every route', () => {
  it('answers a CORS preflight with 204, the methods and the three headers', async () => {
    const response = await callRaw('/v1/jobs', {
      method: 'OPTIONS',
      headers: { Origin: 'null', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(response.headers.get('Access-Control-Allow-Methods')).toBe('GET,POST,DELETE,OPTIONS')
    expect(response.headers.get('Access-Control-Allow-Headers')).toBe('Authorization,Content-Type,Idempotency-Key')
  })

  it('puts Access-Control-Allow-Origin on errors too, with a JSON body', async () => {
    for (const reply of [await call('/v1/jobs', { as: null }), await call('/v1/nope'), await call('/v1/jobs', { method: 'POST', body: '{' })]) {
      expect(reply.headers.get('Access-Control-Allow-Origin')).toBe('*')
      expect(reply.headers.get('Content-Type')).toMatch(/^application\/json/)
      expect(reply.body.error.code).toMatch(/unauthorized|not_found|invalid_request/)
    }
  })

  it('answers an unknown route with 404 JSON', async () => {
    const reply = await call('/v2/jobs', { as: null })
    expect(reply.status).toBe(404)
    expect(reply.body.error.code).toBe('not_found')
  })

  it('answers 413 payload_too_large over 32 MiB', async () => {
    const body = `{"operation":"generate","prompt":"${'x'.repeat(32 * 1024 * 1024)}"}`
    const reply = await call('/v1/jobs', { method: 'POST', body })
    expect(reply.status).toBe(413)
    expect(reply.body.error.code).toBe('payload_too_large')
    expect(reply.headers.get('Access-Control-Allow-Origin')).toBe('*')
  })

  it('answers 401 for a missing, malformed or unknown token', async () => {
    for (const authorization of [undefined, 'Basic abc', `Bearer ${TOKENS.alice}x`, `Bearer ${TOKENS.alice.slice(0, -1)}`, 'Bearer ']) {
      const reply = await call('/v1/jobs', { as: null, headers: authorization ? { Authorization: authorization } : {} })
      expect(reply.status).toBe(401)
      expect(reply.body.error.code).toBe('unauthorized')
    }
  })

  it('turns an unexpected error into 500 internal_error with a fixed message and no stack', async () => {
    const reply = await call('/v1/jobs', { env: { OWNERS: undefined as unknown as Env['OWNERS'] } })
    expect(reply.status).toBe(500)
    expect(reply.body).toEqual({ error: { code: 'internal_error', message: 'Something went wrong on our side; please try again.' } })
    expect(reply.text).not.toMatch(/at |\.ts/)
    expect(reply.headers.get('Access-Control-Allow-Origin')).toBe('*')
  })
})
