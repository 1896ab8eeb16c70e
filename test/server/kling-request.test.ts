import { describe, expect, it } from 'vitest'
import { klingCreateBody, klingCreatePath, klingTaskPath } from '../../server/providers/kling-request'
import { klingBackoffMs, klingCodeAction, normaliseKlingCode } from '../../server/providers/kling-errors'
import type { TaskInput } from '../../server/providers/provider'

const base: TaskInput = { jobId: 'job_1', operation: 'generate', model: 'kling-v3', n: 1, prompt: 'p' }

describe('klingCreateBody', () => {
  it.each<[string, TaskInput, Record<string, unknown>]>([
    ['generate', { ...base, negative_prompt: 'n', aspect_ratio: '21:9', resolution: '2k' },
      { model_name: 'kling-v3', prompt: 'p', negative_prompt: 'n', aspect_ratio: '21:9', resolution: '2k', n: 1, external_task_id: 'job_1' }],
    ['image_to_image drops negative_prompt and strips data:', { ...base, operation: 'image_to_image', negative_prompt: 'n', image: 'data:image/png;base64,QUJD' },
      { model_name: 'kling-v3', prompt: 'p', aspect_ratio: '1:1', resolution: '1k', n: 1, external_task_id: 'job_1', image: 'QUJD' }],
    ['kling-v1-5 gets image_reference subject', { ...base, operation: 'image_to_image', model: 'kling-v1-5', image: 'QUJD', image_fidelity: 0.2 },
      { model_name: 'kling-v1-5', prompt: 'p', aspect_ratio: '1:1', resolution: '1k', n: 1, external_task_id: 'job_1', image: 'QUJD', image_reference: 'subject', image_fidelity: 0.2 }],
    ['expand has no model_name', { ...base, operation: 'expand', prompt: undefined, image: 'QUJD', expansion: { top: 0.1, bottom: 0.2, left: 0.3, right: 0.4 }, callbackUrl: 'https://x/cb' },
      { image: 'QUJD', up_expansion_ratio: 0.1, down_expansion_ratio: 0.2, left_expansion_ratio: 0.3, right_expansion_ratio: 0.4, n: 1, external_task_id: 'job_1', callback_url: 'https://x/cb' }],
  ])('%s', (_, input, expected) => {
    expect(klingCreateBody(input)).toEqual(expected)
  })

  it('lower-cases the resolution whatever it is given', () => {
    expect(klingCreateBody({ ...base, resolution: '2K' as '2k' }).resolution).toBe('2k')
  })

  it('routes paths per operation', () => {
    expect(klingCreatePath('generate')).toBe('/v1/images/generations')
    expect(klingCreatePath('expand')).toBe('/v1/images/editing/expand')
    expect(klingTaskPath('image_to_image', 'job_1')).toBe('/v1/images/generations/job_1')
  })
})

describe('klingCodeAction', () => {
  it.each<[number | null, number, string, string?]>([
    [0, 200, 'ok'],
    [1004, 401, 'resign'],
    [1000, 401, 'fail', 'auth'],
    [1003, 401, 'resign'],
    [1002, 401, 'fail', 'auth'],
    [1100, 429, 'fail', 'insufficient_credits'],
    [1102, 429, 'fail', 'insufficient_credits'],
    [1103, 403, 'fail', 'rejected_request'],
    [1201, 400, 'fail', 'rejected_request'],
    [1203, 404, 'fail', 'rejected_request'],
    [1300, 400, 'fail', 'content_rejected'],
    [1301, 400, 'fail', 'content_rejected'],
    [1302, 429, 'retry'],
    [1303, 429, 'retry'],
    [5000, 500, 'retry'],
    [5002, 504, 'retry'],
    [null, 502, 'retry'],
    [null, 503, 'retry'],
    [null, 429, 'retry'],
    [null, 400, 'fail', 'bad_response'],
  ])('code %s (HTTP %i) → %s %s', (code, status, action, reason) => {
    const result = klingCodeAction(code, status)
    expect(result.action).toBe(action)
    if (reason) expect(result).toMatchObject({ reason })
  })

  it('normalises string and float codes', () => {
    expect(normaliseKlingCode('0')).toBe(0)
    expect(normaliseKlingCode(0.0)).toBe(0)
    expect(normaliseKlingCode('1303')).toBe(1303)
    expect(normaliseKlingCode('x')).toBeNull()
    expect(normaliseKlingCode(undefined)).toBeNull()
  })

  it('backs off exponentially with jitter, capped', () => {
    expect(klingBackoffMs(0, () => 0)).toBe(200)
    expect(klingBackoffMs(0, () => 1)).toBe(400)
    expect(klingBackoffMs(1, () => 1)).toBe(800)
    expect(klingBackoffMs(10, () => 1)).toBe(3000)
  })
})
