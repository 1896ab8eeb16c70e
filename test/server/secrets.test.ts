import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { call, createJob, getJob, resetWorld, simConfig, TEST_VARS, TOKENS } from './helpers'
import type { Env } from '../../server/env'

beforeEach(() => resetWorld())
afterEach(() => vi.restoreAllMocks())

describe('secrets', () => {
  it('never appear in a response body or a log line', async () => {
    const lines: string[] = []
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')))
    }
    const bodies: string[] = []
    const keep = async (reply: Promise<{ text: string }>) => bodies.push((await reply).text)

    const ok = await createJob({ operation: 'generate', prompt: 'p' })
    bodies.push(ok.text)
    await keep(getJob(ok.body.id, 10))
    await keep(call('/v1/capabilities'))
    await keep(call('/v1/jobs', { as: null, headers: { Authorization: `Bearer ${TOKENS.bob}-wrong` } }))
    await simConfig({ faults: { create: [{ status: 401, code: 1004 }, { status: 401, code: 1004 }] } })
    await keep(createJob({ operation: 'generate', prompt: 'p' }))
    await keep(createJob({ operation: 'generate', prompt: 'p' }, { env: { KLING_SECRET_KEY: 'another-secret' } }))
    await keep(createJob({ operation: 'generate', prompt: 'p' }, { env: { KLING_API_KEY: 'wrong-api-key-9' } }))
    await keep(call('/v1/health', { as: null, env: { KLING_ACCESS_KEY: undefined } }))
    await keep(call('/v1/jobs', { env: { OWNERS: undefined as unknown as Env['OWNERS'] } }))
    await keep(call('/v1/jobs', { env: { CLIENT_TOKENS: 'alice:alice-token-7f3a9c,bob:alice-token-7f3a9c' } }))

    // The operator does get one line naming the refused code.
    expect(lines.some((line) => line.includes('kling_auth_rejected') && line.includes('1004'))).toBe(true)
    const secrets = [TEST_VARS.KLING_SECRET_KEY, TEST_VARS.KLING_ACCESS_KEY, 'another-secret', 'wrong-api-key-9', TOKENS.alice, TOKENS.bob, TEST_VARS.CALLBACK_SECRET]
    for (const text of [...bodies, ...lines]) {
      for (const secret of secrets) expect(text).not.toContain(secret)
    }
    expect(bodies).toHaveLength(10)
  })
})
