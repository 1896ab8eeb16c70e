import { beforeEach, describe, expect, it } from 'vitest'
import { Capabilities } from '../../shared/api/schemas'
import { call, createJob, resetWorld } from './helpers'

beforeEach(() => resetWorld())

describe('GET /v1/capabilities', () => {
  it('lists the models, limits and the caller\'s remaining budget', async () => {
    await createJob({ operation: 'generate', prompt: 'p', n: 3 })
    const reply = await call('/v1/capabilities', { env: { DAILY_IMAGE_LIMIT: '10' } })
    expect(reply.status).toBe(200)
    const caps = Capabilities.parse(reply.body)
    expect(caps.provider).toBe('kling')
    expect(caps.default_model).toBe('kling-v3')
    expect(caps.models.map((m) => m.id)).toEqual(['kling-v3', 'kling-v2-1', 'kling-v2', 'kling-v1-5', 'kling-v1'])
    const v3 = caps.models[0]
    expect(v3.operations).toEqual(['generate', 'image_to_image', 'expand'])
    expect(v3.aspect_ratios).toHaveLength(8)
    expect(v3.resolutions).toEqual(['1k', '2k'])
    expect(caps.models.find((m) => m.id === 'kling-v1')?.aspect_ratios).not.toContain('21:9')
    expect(caps.limits).toMatchObject({ prompt_max_chars: 2500, image_max_bytes: 10 * 1024 * 1024, image_min_side: 300, expansion_area_max: 3 })
    expect(caps.budget).toMatchObject({ daily_limit: 10, used_today: 3, remaining_today: 7 })
    expect(new Date(caps.budget.resets_at).getUTCHours()).toBe(0)
    expect((await call('/v1/capabilities', { as: 'bob' })).body.budget.used_today).toBe(0)
  })

  it('answers 401 without a token', async () => {
    const reply = await call('/v1/capabilities', { as: null })
    expect(reply.status).toBe(401)
    expect(reply.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } })
  })
})
