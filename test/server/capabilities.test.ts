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
    expect(caps.models.map((m) => m.id)).toEqual([
      'kling-v3', 'kling-image-o1', 'kling-v3-omni', 'kling-v2-1', 'kling-v2', 'kling-v2-new', 'kling-v1-5', 'kling-v1',
    ])
    expect(caps.default_models).toEqual({
      generate: 'kling-v3', image_to_image: 'kling-v3', expand: 'kling-v3', multi_reference: 'kling-v2', omni: 'kling-image-o1',
    })
    const model = (id: string) => caps.models.find((m) => m.id === id)!
    const v3 = model('kling-v3')
    expect(v3.operations).toEqual(['generate', 'image_to_image', 'expand'])
    expect(v3.aspect_ratios).toHaveLength(8)
    expect(v3.resolutions).toEqual(['1k', '2k'])
    expect(v3.description).toMatch(/\w/)
    expect(model('kling-v1').aspect_ratios).not.toContain('21:9')
    // Every model says what it does, per operation, without the panel hard-coding anything.
    for (const m of caps.models) {
      expect(Object.keys(m.by_operation).sort()).toEqual([...m.operations].sort())
      expect(m.description.length).toBeGreaterThan(10)
    }
    expect(model('kling-v2').operations).toEqual(['generate', 'multi_reference', 'expand'])
    expect(model('kling-v2').by_operation.multi_reference).toMatchObject({
      resolutions: [], images: { min: 1, max: 4 }, parameters: ['negative_prompt', 'scene_image', 'style_image'], series: null,
    })
    expect(model('kling-v2-new')).toMatchObject({ operations: ['image_to_image'], style_transfer: true, series: false })
    expect(model('kling-v2-new').by_operation.image_to_image).toMatchObject({ aspect_ratios: [], resolutions: [], default_aspect_ratio: null })
    expect(model('kling-image-o1')).toMatchObject({ operations: ['omni'], series: false, resolutions: ['1k', '2k'] })
    expect(model('kling-image-o1').by_operation.omni).toMatchObject({ default_aspect_ratio: 'auto', auto_needs_image: true, images: { min: 0, max: 10 } })
    expect(model('kling-v3-omni')).toMatchObject({ operations: ['omni'], series: true, resolutions: ['1k', '2k', '4k'] })
    expect(model('kling-v3-omni').by_operation.omni?.series).toEqual({ min: 2, max: 9 })
    expect(model('kling-v3-omni').by_operation.omni?.aspect_ratios).toContain('auto')
    expect(caps.limits).toMatchObject({
      prompt_max_chars: 2500, image_max_bytes: 10 * 1024 * 1024, image_min_side: 300, expansion_area_max: 3,
      subject_images_min: 1, subject_images_max: 4, omni_images_max: 10, series_amount_min: 2, series_amount_max: 9,
    })
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
