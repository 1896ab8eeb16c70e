import { describe, expect, it } from 'vitest'
import { apimodelsBody, apimodelsTaskUrl, apimodelsUrl } from '../../server/providers/apimodels-request'
import { apimodelsFailure, apimodelsTaskId, apimodelsTaskState, parseApimodelsEnvelope } from '../../server/providers/apimodels-response'
import type { TaskInput } from '../../server/providers/provider'

const base: TaskInput = { jobId: 'job_1', operation: 'generate', model: 'kling-v3', n: 2, prompt: 'p', aspect_ratio: '9:16', resolution: '2k' }
const urls = { image: 'https://w.example/v1/inputs/t' }

describe('apimodels request mapping', () => {
  it('generate: Kling names → its model names, lower-case resolution, n, callback_url', () => {
    expect(apimodelsBody({ ...base, negative_prompt: 'fog', callbackUrl: 'https://w/cb' })).toEqual({
      model: 'kling-v3-image',
      prompt: 'p',
      n: 2,
      aspect_ratio: '9:16',
      resolution: '2k',
      negative_prompt: 'fog',
      callback_url: 'https://w/cb',
    })
    expect(apimodelsBody({ ...base, model: 'kling-v2-1' }).model).toBe('kling-v2-1')
    expect(apimodelsBody({ ...base, model: 'kling-v2' }).model).toBe('kling-v2')
  })

  it('image_to_image: image_url and the reference options', () => {
    expect(apimodelsBody({ ...base, operation: 'image_to_image', inputUrls: urls, image_reference: 'face', image_fidelity: 0.4, human_fidelity: 0.3 })).toEqual({
      model: 'kling-v3-image',
      prompt: 'p',
      n: 2,
      aspect_ratio: '9:16',
      resolution: '2k',
      image_url: urls.image,
      image_reference: 'face',
      image_fidelity: 0.4,
      human_fidelity: 0.3,
    })
  })

  it('style transfer (kling-v2-new) sends no ratio or resolution: the result keeps the input size', () => {
    expect(apimodelsBody({ ...base, operation: 'image_to_image', model: 'kling-v2-new', inputUrls: urls })).toEqual({ model: 'kling-v2-new', prompt: 'p', n: 2, image_url: urls.image })
  })

  it('expand → kling-expand with the four *_expansion_ratio fields', () => {
    const input: TaskInput = { ...base, operation: 'expand', prompt: undefined, inputUrls: urls, expansion: { top: 0.1, bottom: 0.2, left: 0.3, right: 0.4 } }
    expect(apimodelsBody(input)).toEqual({
      model: 'kling-expand',
      image_url: urls.image,
      up_expansion_ratio: 0.1,
      down_expansion_ratio: 0.2,
      left_expansion_ratio: 0.3,
      right_expansion_ratio: 0.4,
      n: 2,
    })
  })

  it('multi_reference → kling-multi-image with multi_model_name and subject_image_list', () => {
    const image = { base64: '', content_type: 'image/png' as const, width: 300, height: 300, key: 'k' }
    const input: TaskInput = {
      ...base,
      operation: 'multi_reference',
      model: 'kling-v2',
      resolution: undefined,
      subject_images: [image, image],
      style_image: image,
      inputUrls: { 'subject_images.0': 'https://w/s0', 'subject_images.1': 'https://w/s1', style_image: 'https://w/st' },
    }
    expect(apimodelsBody(input)).toEqual({
      model: 'kling-multi-image',
      multi_model_name: 'kling-v2',
      subject_image_list: [{ subject_image: 'https://w/s0' }, { subject_image: 'https://w/s1' }],
      style_image: 'https://w/st',
      prompt: 'p',
      n: 2,
      aspect_ratio: '9:16',
    })
  })

  it('omni → kling-image-o1 with its one image_url, the prompt left in Kling syntax', () => {
    const image = { base64: '', content_type: 'image/png' as const, width: 300, height: 300, key: 'k' }
    expect(apimodelsBody({ ...base, operation: 'omni', model: 'kling-image-o1', prompt: 'like <<<image_1>>>', images: [image], inputUrls: { 'images.0': 'https://w/0' } })).toEqual({
      model: 'kling-image-o1',
      prompt: 'like <<<image_1>>>',
      n: 2,
      aspect_ratio: '9:16',
      resolution: '2k',
      image_url: 'https://w/0',
    })
  })

  it('needs the input URL for image operations', () => {
    expect(() => apimodelsBody({ ...base, operation: 'expand' })).toThrow(/URL/)
  })

  it('creates at /api/v1/images/generations and polls ?task_id=', () => {
    expect(apimodelsUrl('https://apimodels.app')).toBe('https://apimodels.app/api/v1/images/generations')
    expect(apimodelsTaskUrl('https://apimodels.app', 'cl x')).toBe('https://apimodels.app/api/v1/images/generations?task_id=cl%20x')
  })
})

describe('apimodels response mapping', () => {
  it('reads {code, msg, data} and the task id', () => {
    const envelope = parseApimodelsEnvelope({ code: 200, msg: 'success', data: { taskId: 'clx', state: 'pending' } })
    expect(envelope).toEqual({ code: 200, msg: 'success', data: { taskId: 'clx', state: 'pending' } })
    expect(apimodelsTaskId(envelope)).toBe('clx')
    expect(parseApimodelsEnvelope({ code: '402', msg: 'x', data: null }).code).toBe(402)
  })

  it('reads pending / processing / completed (resultUrls) / failed (failMsg)', () => {
    expect(apimodelsTaskState({ state: 'pending' })).toEqual({ state: 'queued' })
    expect(apimodelsTaskState({ state: 'processing' })).toEqual({ state: 'running' })
    expect(apimodelsTaskState({ state: 'completed', resultUrls: ['https://cdn/a.png', 'https://cdn/b.png'] })).toEqual({
      state: 'succeeded',
      images: [{ index: 0, url: 'https://cdn/a.png' }, { index: 1, url: 'https://cdn/b.png' }],
    })
    expect(apimodelsTaskState({ state: 'failed', failMsg: 'Content policy violation' })).toMatchObject({ state: 'failed', reason: 'content_rejected' })
    expect(apimodelsTaskState({ state: 'failed', failMsg: 'Timeout' })).toMatchObject({ reason: 'task_failed', message: 'apimodels.app could not generate this image: Timeout.' })
    expect(apimodelsTaskState({ state: 'completed', resultUrls: [] })).toMatchObject({ reason: 'bad_response' })
  })

  it.each<[number, unknown, string]>([
    [400, { code: 400, msg: 'Bad Request - n: too big', data: null }, 'rejected_request'],
    [401, { code: 401, msg: 'Unauthorized', data: null }, 'auth'],
    [402, { code: 402, msg: 'Payment Required', data: null }, 'insufficient_credits'],
    [404, { code: 404, msg: 'Not Found', data: null }, 'rejected_request'],
    [429, { code: 429, msg: 'Too many', data: null }, 'unavailable'],
    [500, { code: 500, msg: 'Internal', data: null }, 'unavailable'],
    [200, { code: 402, msg: 'Insufficient credits', data: null }, 'insufficient_credits'],
  ])('maps HTTP %s with its body code to %s', (status, body, reason) => {
    expect(apimodelsFailure(status, parseApimodelsEnvelope(body)).reason).toBe(reason)
  })
})
