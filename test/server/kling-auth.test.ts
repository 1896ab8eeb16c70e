import { describe, expect, it } from 'vitest'
import { forgetKlingBearer, klingBearerAsync } from '../../server/providers/kling-auth'

const pair = { kind: 'key_pair', accessKey: 'ak-unit', secretKey: 'sk-unit' } as const

describe('klingBearerAsync', () => {
  it('signs {iss, exp: now+1800, nbf: now-5} with HS256 under the secret key', async () => {
    const now = 1_800_000_000_000
    const token = await klingBearerAsync(pair, now)
    const [header, payload, signature] = token.split('.')
    expect(JSON.parse(atob(header))).toEqual({ alg: 'HS256', typ: 'JWT' })
    expect(JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')))).toEqual({ iss: 'ak-unit', exp: 1_800_001_800, nbf: 1_799_999_995 })
    const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('sk-unit'), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify'])
    const mac = Uint8Array.from(atob(signature.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))
    expect(await crypto.subtle.verify('HMAC', key, mac, new TextEncoder().encode(`${header}.${payload}`))).toBe(true)
  })

  it('reuses the token until fewer than 60 s remain, then signs a new one', async () => {
    const pairB = { ...pair, accessKey: 'ak-reuse' }
    const t0 = 1_900_000_000_000
    const first = await klingBearerAsync(pairB, t0)
    expect(await klingBearerAsync(pairB, t0 + 1_000_000)).toBe(first)
    expect(await klingBearerAsync(pairB, t0 + 1_740_000)).toBe(first)
    const renewed = await klingBearerAsync(pairB, t0 + 1_741_000)
    expect(renewed).not.toBe(first)
    forgetKlingBearer(pairB)
    expect(await klingBearerAsync(pairB, t0 + 1_742_000)).not.toBe(renewed)
  })

  it('back-dates nbf by a minute once Kling reported our token not yet valid (1003)', async () => {
    const pairC = { ...pair, accessKey: 'ak-skew' }
    const now = 2_000_000_000_000
    const nbfOf = (token: string) => JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))).nbf
    expect(nbfOf(await klingBearerAsync(pairC, now))).toBe(1_999_999_995)
    forgetKlingBearer(pairC, 'not_yet_valid')
    expect(nbfOf(await klingBearerAsync(pairC, now))).toBe(1_999_999_940)
  })

  it('sends an API key as-is', async () => {
    expect(await klingBearerAsync({ kind: 'api_key', apiKey: 'key-123' })).toBe('key-123')
  })
})
