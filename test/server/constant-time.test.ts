/**
 * Every secret the server checks is compared in constant time (issue 9): client tokens by a full loop over fixed-
 * length digests of every configured token, callback and input MACs by `crypto.subtle.verify`. Timing itself is
 * too noisy to assert here; these tests pin the structure that makes it constant: the same work whichever token
 * matches, how much of it matches, or whether one does at all, and no MAC ever compared as text.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { callbackTokenAsync, verifyCallbackTokenAsync } from '../../server/auth/callback-token'
import { ownerForTokenAsync, parseClientTokens } from '../../server/auth/client-tokens'
import { inputTokenAsync, verifyInputTokenAsync } from '../../server/auth/input-token'

afterEach(() => vi.restoreAllMocks())

const parsed = parseClientTokens('alice:alice-token-7f3a9c,bob:bob-token-22d1e8,carol:carol-token-5b9e01')
if (!parsed.ok) throw new Error(parsed.reason)
const tokens = parsed.tokens

describe('client tokens', () => {
  it('finds the owner wherever the token is in the list, and no owner for a near miss', async () => {
    expect(await ownerForTokenAsync(tokens, 'alice-token-7f3a9c')).toBe('alice')
    expect(await ownerForTokenAsync(tokens, 'carol-token-5b9e01')).toBe('carol')
    for (const miss of ['alice-token-7f3a9', 'alice-token-7f3a9cc', 'ALICE-TOKEN-7F3A9C', 'bob-token-22d1e9', '', 'alice']) {
      expect(await ownerForTokenAsync(tokens, miss), miss).toBeNull()
    }
  })

  it('does the same work whether the first, the last or no token matches, and however much of one matches', async () => {
    // Every configured entry is read, and the same digests made, whatever is presented (digests of configured
    // tokens may be kept per isolate: the first call warms that up).
    let reads = 0
    const watched = new Proxy(tokens, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++
        return Reflect.get(target, key, receiver)
      },
    })
    await ownerForTokenAsync(watched, 'warm-up')
    const digest = vi.spyOn(crypto.subtle, 'digest')
    const work = new Set<string>()
    for (const presented of ['alice-token-7f3a9c', 'carol-token-5b9e01', 'carol-token-5b9e0X', 'Xarol-token-5b9e01', 'nobody', 'x'.repeat(500)]) {
      reads = 0
      digest.mockClear()
      await ownerForTokenAsync(watched, presented)
      // Only fixed-length SHA-256 outputs are compared, never the texts.
      expect(digest.mock.calls.every(([algorithm]) => algorithm === 'SHA-256')).toBe(true)
      expect(reads, presented).toBe(tokens.length)
      work.add(`${reads} entries, ${digest.mock.calls.length} digests`)
    }
    expect(work.size).toBe(1)
  })
})

describe('signed URL tokens', () => {
  const secret = 'test-callback-secret'
  /** A token of the right shape whose MAC is wrong in its last byte only: a compare that stops early would be fastest here. */
  const lastByteWrong = (token: string) => {
    const mac = token.slice(token.lastIndexOf('.') + 1)
    const flipped = mac.slice(0, -2) + (mac.at(-2) === 'A' ? 'B' : 'A') + mac.at(-1)
    return token.slice(0, token.lastIndexOf('.') + 1) + flipped
  }

  it('checks a callback MAC with crypto.subtle.verify, never as text', async () => {
    const good = await callbackTokenAsync({ owner: 'alice', jobId: 'job_01JD0000000000000000000000' }, secret)
    const verify = vi.spyOn(crypto.subtle, 'verify')
    expect(await verifyCallbackTokenAsync(good, secret)).toEqual({ owner: 'alice', jobId: 'job_01JD0000000000000000000000' })
    expect(await verifyCallbackTokenAsync(lastByteWrong(good), secret)).toBeNull()
    expect(verify).toHaveBeenCalledTimes(2)
    expect(verify.mock.calls.every(([algorithm]) => algorithm === 'HMAC')).toBe(true)
  })

  it('checks an input MAC with crypto.subtle.verify, never as text, before the payload is even read', async () => {
    const good = await inputTokenAsync({ owner: 'alice', jobId: 'job_01JD0000000000000000000000', slot: 'image', expiresAt: Date.now() + 60_000 }, secret)
    const verify = vi.spyOn(crypto.subtle, 'verify')
    const parse = vi.spyOn(JSON, 'parse')
    expect(await verifyInputTokenAsync(good, secret, Date.now())).toMatchObject({ owner: 'alice', slot: 'image' })
    parse.mockClear()
    expect(await verifyInputTokenAsync(lastByteWrong(good), secret, Date.now())).toBeNull()
    expect(parse).not.toHaveBeenCalled()
    expect(verify).toHaveBeenCalledTimes(2)
    expect(verify.mock.calls.every(([algorithm]) => algorithm === 'HMAC')).toBe(true)
  })
})
