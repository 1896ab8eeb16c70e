import { describe, expect, it } from 'vitest'
import { klingCreateBody, klingCreatePath, klingTaskPath } from '../../server/providers/kling-request'
import { klingBackoffMs, klingCodeAction, normaliseKlingCode } from '../../server/providers/kling-errors'
import { klingCost, parseKlingTask } from '../../server/providers/kling-task'
import type { InputImage, TaskInput } from '../../server/providers/provider'

const base: TaskInput = { jobId: 'job_1', operation: 'generate', model: 'kling-v3', n: 1, prompt: 'p' }
const img = (base64: string, content_type: InputImage['content_type'] = 'image/png'): InputImage => ({
  base64,
  content_type,
  width: 600,
  height: 800,
  key: `inputs/job_1/${base64}`,
})

describe('klingCreateBody', () => {
  it.each<[string, TaskInput, Record<string, unknown>]>([
    ['generate', { ...base, negative_prompt: 'n', aspect_ratio: '21:9', resolution: '2k' },
      { model_name: 'kling-v3', prompt: 'p', negative_prompt: 'n', aspect_ratio: '21:9', resolution: '2k', n: 1, external_task_id: 'job_1' }],
    ['image_to_image drops negative_prompt and strips data:', { ...base, operation: 'image_to_image', negative_prompt: 'n', aspect_ratio: '1:1', resolution: '1k', image: img('data:image/png;base64,QUJD') },
      { model_name: 'kling-v3', prompt: 'p', aspect_ratio: '1:1', resolution: '1k', n: 1, external_task_id: 'job_1', image: 'QUJD' }],
    ['kling-v1-5 gets image_reference subject', { ...base, operation: 'image_to_image', model: 'kling-v1-5', aspect_ratio: '1:1', resolution: '1k', image: img('QUJD'), image_fidelity: 0.2 },
      { model_name: 'kling-v1-5', prompt: 'p', aspect_ratio: '1:1', resolution: '1k', n: 1, external_task_id: 'job_1', image: 'QUJD', image_reference: 'subject', image_fidelity: 0.2 }],
    ['style transfer (kling-v2-new) sends neither ratio nor resolution', { ...base, operation: 'image_to_image', model: 'kling-v2-new', n: 2, image: img('QUJD', 'image/jpeg') },
      { model_name: 'kling-v2-new', prompt: 'p', image: 'QUJD', n: 2, external_task_id: 'job_1' }],
    ['expand has no model_name', { ...base, operation: 'expand', prompt: undefined, image: img('QUJD'), expansion: { top: 0.1, bottom: 0.2, left: 0.3, right: 0.4 }, callbackUrl: 'https://x/cb' },
      { image: 'QUJD', up_expansion_ratio: 0.1, down_expansion_ratio: 0.2, left_expansion_ratio: 0.3, right_expansion_ratio: 0.4, n: 1, external_task_id: 'job_1', callback_url: 'https://x/cb' }],
    ['multi_reference: subjects in order, scene and style, no resolution',
      { ...base, operation: 'multi_reference', model: 'kling-v2', n: 3, negative_prompt: 'blur', aspect_ratio: '16:9', subject_images: [img('QQ'), img('Qg'), img('Qw')], scene_image: img('RA'), style_image: img('RQ') },
      { model_name: 'kling-v2', prompt: 'p', negative_prompt: 'blur', subject_image_list: [{ subject_image: 'QQ' }, { subject_image: 'Qg' }, { subject_image: 'Qw' }],
        scene_image: 'RA', style_image: 'RQ', n: 3, aspect_ratio: '16:9', external_task_id: 'job_1' }],
    ['multi_reference without a prompt omits it', { ...base, operation: 'multi_reference', model: 'kling-v2-1', prompt: undefined, aspect_ratio: '1:1', subject_images: [img('QQ')] },
      { model_name: 'kling-v2-1', subject_image_list: [{ subject_image: 'QQ' }], n: 1, aspect_ratio: '1:1', external_task_id: 'job_1' }],
    ['omni single: image_list in order, auto ratio, n',
      { ...base, operation: 'omni', model: 'kling-image-o1', prompt: '<<<image_2>>> on <<<image_1>>>', n: 2, aspect_ratio: 'auto', resolution: '2k', images: [img('QQ'), img('Qg')] },
      { model_name: 'kling-image-o1', prompt: '<<<image_2>>> on <<<image_1>>>', image_list: [{ image: 'QQ' }, { image: 'Qg' }], aspect_ratio: 'auto', resolution: '2k', n: 2, external_task_id: 'job_1' }],
    ['omni series: result_type and series_amount instead of n, 4k',
      { ...base, operation: 'omni', model: 'kling-v3-omni', n: 3, aspect_ratio: '16:9', resolution: '4k', result_type: 'series', series_amount: 3 },
      { model_name: 'kling-v3-omni', prompt: 'p', aspect_ratio: '16:9', resolution: '4k', result_type: 'series', series_amount: 3, external_task_id: 'job_1' }],
    ['omni with no images sends no image_list', { ...base, operation: 'omni', model: 'kling-v3-omni', aspect_ratio: '1:1', resolution: '1k', result_type: 'single' },
      { model_name: 'kling-v3-omni', prompt: 'p', aspect_ratio: '1:1', resolution: '1k', n: 1, external_task_id: 'job_1' }],
  ])('%s', (_, input, expected) => {
    expect(klingCreateBody(input)).toEqual(expected)
  })

  it('lower-cases the resolution whatever it is given', () => {
    expect(klingCreateBody({ ...base, resolution: '2K' as '2k' }).resolution).toBe('2k')
  })

  it('routes paths per operation', () => {
    expect(klingCreatePath('generate')).toBe('/v1/images/generations')
    expect(klingCreatePath('image_to_image')).toBe('/v1/images/generations')
    expect(klingCreatePath('expand')).toBe('/v1/images/editing/expand')
    expect(klingCreatePath('multi_reference')).toBe('/v1/images/multi-image2image')
    expect(klingCreatePath('omni')).toBe('/v1/images/omni-image')
    expect(klingTaskPath('image_to_image', 'job_1')).toBe('/v1/images/generations/job_1')
    expect(klingTaskPath('multi_reference', 'job_1')).toBe('/v1/images/multi-image2image/job_1')
    expect(klingTaskPath('omni', 'a/b')).toBe('/v1/images/omni-image/a%2Fb')
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

describe('Kling cost', () => {
  it('reads final_unit_deduction as kling_units, from a string or a number, and nothing else', () => {
    expect(klingCost('8')).toEqual({ amount: 8, unit: 'kling_units' })
    expect(klingCost(2.5)).toEqual({ amount: 2.5, unit: 'kling_units' })
    for (const value of ['', ' ', 'x', null, undefined, -1, {}]) expect(klingCost(value)).toBeNull()
  })

  it('comes with a succeeded task', () => {
    const task = parseKlingTask({ task_id: 't', task_status: 'succeed', final_unit_deduction: '3', task_result: { images: [{ index: 0, url: 'u' }] } })
    expect(task).toMatchObject({ state: 'succeeded', cost: { amount: 3, unit: 'kling_units' } })
  })
})
