import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startKlingSimulator, type KlingSimulator } from './kling-simulator'
import { signKlingJwt } from './fixtures/sign-kling-jwt'
import { SimClient } from './fixtures/sim-client'

let sim: KlingSimulator
let client: SimClient

beforeAll(async () => {
  sim = await startKlingSimulator({ delayMs: 50 })
  client = new SimClient(sim.url)
})
afterAll(() => sim.close())
beforeEach(() => client.reset())

/** Answers of an authenticated list call, the cheapest request that needs auth. */
async function listWith(headers: Record<string, string>) {
  return client.withToken(null).call<unknown>('GET', '/v1/images/generations', undefined, headers)
}

describe('Authorization (kling-upstream.md §1, all 401)', () => {
  it.each([
    ['no header', {}, 1001],
    ['empty header', { Authorization: '' }, 1001],
    ['bare "Bearer"', { Authorization: 'Bearer ' }, 1001],
    ['not a Bearer scheme', { Authorization: `Token ${signKlingJwt()}` }, 1002],
    ['no space after Bearer', { Authorization: `Bearer${signKlingJwt()}` }, 1002],
    ['garbage token', { Authorization: 'Bearer not-a-token' }, 1002],
    ['two-part token', { Authorization: 'Bearer abc.def' }, 1002],
    ['wrong secret', { Authorization: `Bearer ${signKlingJwt({ secretKey: 'other' })}` }, 1002],
    ['unknown access key', { Authorization: `Bearer ${signKlingJwt({ accessKey: 'someone-else' })}` }, 1002],
    ['alg none', { Authorization: `Bearer ${signKlingJwt({ header: { alg: 'none', typ: 'JWT' } })}` }, 1002],
    ['alg HS512 header', { Authorization: `Bearer ${signKlingJwt({ header: { alg: 'HS512', typ: 'JWT' } })}` }, 1002],
    ['no exp claim', { Authorization: `Bearer ${signKlingJwt({ claims: { exp: undefined } })}` }, 1002],
    ['nbf a minute ahead', { Authorization: `Bearer ${signKlingJwt({ nbfIn: 60 })}` }, 1003],
    ['expired a second ago', { Authorization: `Bearer ${signKlingJwt({ expIn: -1 })}` }, 1004],
    ['expired long ago', { Authorization: `Bearer ${signKlingJwt({ expIn: -3600, nbfIn: -4000 })}` }, 1004],
  ])('%s → 401 code %i', async (_name, headers, code) => {
    const answer = await listWith(headers)
    expect(answer.status).toBe(401)
    expect(answer.body.code).toBe(code)
    expect(answer.body.data).toBeNull()
    expect(typeof answer.body.request_id).toBe('string')
  })

  it('a tampered payload fails the signature check', async () => {
    const [header, , signature] = signKlingJwt().split('.')
    const payload = Buffer.from(JSON.stringify({ iss: 'dev-access-key', exp: 9999999999, nbf: 0 })).toString('base64url')
    const answer = await listWith({ Authorization: `Bearer ${header}.${payload}.${signature}` })
    expect([answer.status, answer.body.code]).toEqual([401, 1002])
  })

  it('accepts the documented JWT (HS256, iss/exp/nbf) and the static API key', async () => {
    for (const token of [signKlingJwt(), 'dev-api-key']) {
      const answer = await listWith({ Authorization: `Bearer ${token}` })
      expect(answer.status).toBe(200)
      expect(answer.body).toMatchObject({ code: 0, message: 'SUCCEED', data: [] })
    }
  })

  it('treats the scheme name case-insensitively (RFC 7235)', async () => {
    expect((await listWith({ Authorization: 'bearer dev-api-key' })).status).toBe(200)
  })

  it('accepts nbf within a second of now (whole-second rounding) and a JWT without typ', async () => {
    for (const token of [signKlingJwt({ nbfIn: 1 }), signKlingJwt({ header: { alg: 'HS256' } })]) {
      expect((await listWith({ Authorization: `Bearer ${token}` })).status).toBe(200)
    }
  })

  it('authenticates before routing and validation, and counts failures in stats', async () => {
    const bad = client.withToken('wrong-key')
    expect((await bad.create('generations', {})).status).toBe(401)
    expect((await bad.call('GET', '/v1/nowhere')).status).toBe(401)
    const stats = await client.stats()
    expect(stats.authFailures).toBe(2)
    expect(stats.creates.generations).toBe(0)
    expect(stats.requests.map((r) => [r.auth, r.status, r.code])).toEqual([
      ['invalid', 401, 1002],
      ['invalid', 401, 1002],
    ])
  })

  it('honours custom keys', async () => {
    const custom = await startKlingSimulator({ accessKey: 'ak', secretKey: 'sk', apiKey: 'key-2' })
    try {
      const other = new SimClient(custom.url, signKlingJwt({ accessKey: 'ak', secretKey: 'sk' }))
      expect((await other.list('generations')).status).toBe(200)
      expect((await other.withToken('key-2').list('generations')).status).toBe(200)
      expect((await other.withToken('dev-api-key').list('generations')).body.code).toBe(1002)
      expect((await other.withToken(signKlingJwt()).list('generations')).body.code).toBe(1002)
    } finally {
      await custom.close()
    }
  })
})
