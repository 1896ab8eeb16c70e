import { describe, expect, it } from 'vitest'
import { falEndpoint, falPrompt, falSubmitBody, falSubmitUrl } from '../../server/providers/fal-request'
import { falErrorMessage, falFailure, falResultState, falTaskId, parseFalStatus, parseFalSubmit, parseFalTaskId } from '../../server/providers/fal-response'
import type { TaskInput } from '../../server/providers/provider'

const base: TaskInput = { jobId: 'job_1', operation: 'generate', model: 'kling-v3', n: 3, prompt: 'p', aspect_ratio: '21:9', resolution: '2k' }
const retryable = (value?: string) => new Headers(value === undefined ? {} : { 'X-Fal-Retryable': value })

describe('fal request mapping', () => {
  it('generate → v3/text-to-image with num_images, upper-case resolution, PNG and the negative prompt', () => {
    expect(falEndpoint(base)).toBe('v3/text-to-image')
    expect(falSubmitBody({ ...base, negative_prompt: 'fog' })).toEqual({
      prompt: 'p',
      negative_prompt: 'fog',
      resolution: '2K',
      num_images: 3,
      aspect_ratio: '21:9',
      output_format: 'png',
    })
  })

  it('image_to_image → v3/image-to-image with image_url and no negative prompt', () => {
    const input: TaskInput = { ...base, operation: 'image_to_image', negative_prompt: 'x', inputUrls: { image: 'https://w.example/v1/inputs/t' } }
    expect(falEndpoint(input)).toBe('v3/image-to-image')
    expect(falSubmitBody(input)).toEqual({ prompt: 'p', image_url: 'https://w.example/v1/inputs/t', resolution: '2K', num_images: 3, aspect_ratio: '21:9', output_format: 'png' })
  })

  it('refuses to build an image_to_image body without the input URL', () => {
    expect(() => falSubmitBody({ ...base, operation: 'image_to_image' })).toThrow(/URL/)
  })

  it('puts the webhook in fal_webhook, encoded, and the endpoint sub-path on the submit URL only', () => {
    expect(falSubmitUrl('https://queue.fal.run', base)).toBe('https://queue.fal.run/fal-ai/kling-image/v3/text-to-image')
    expect(falSubmitUrl('https://queue.fal.run', { ...base, callbackUrl: 'https://w.example/v1/callbacks/fal/a.b?x=1' })).toBe(
      'https://queue.fal.run/fal-ai/kling-image/v3/text-to-image?fal_webhook=https%3A%2F%2Fw.example%2Fv1%2Fcallbacks%2Ffal%2Fa.b%3Fx%3D1',
    )
  })

  it('omni: kling-image-o1 → o1 with image_urls in slot order; kling-v3-omni → o3 text or image by whether images are given', () => {
    const image = { base64: '', content_type: 'image/png' as const, width: 300, height: 300, key: 'k' }
    const o1: TaskInput = { ...base, operation: 'omni', model: 'kling-image-o1', n: 2, prompt: 'put <<<image_1>>> on <<<image_2>>>', aspect_ratio: 'auto', images: [image, image], inputUrls: { 'images.0': 'https://w/0', 'images.1': 'https://w/1' } }
    expect(falEndpoint(o1)).toBe('o1')
    expect(falSubmitBody(o1)).toEqual({ prompt: 'put @Image1 on @Image2', resolution: '2K', num_images: 2, output_format: 'png', aspect_ratio: 'auto', image_urls: ['https://w/0', 'https://w/1'] })
    expect(falEndpoint({ ...o1, model: 'kling-v3-omni' })).toBe('o3/image-to-image')
    expect(falEndpoint({ ...o1, model: 'kling-v3-omni', images: undefined })).toBe('o3/text-to-image')
    const series: TaskInput = { ...base, operation: 'omni', model: 'kling-v3-omni', n: 4, resolution: '4k', result_type: 'series', series_amount: 4 }
    expect(falSubmitBody(series)).toEqual({ prompt: 'p', resolution: '4K', result_type: 'series', series_amount: 4, output_format: 'png', aspect_ratio: '21:9' })
    expect(() => falSubmitBody({ ...o1, inputUrls: { 'images.0': 'https://w/0' } })).toThrow(/images\.1/)
  })

  it('translates <<<image_N>>> references to @ImageN', () => {
    expect(falPrompt('put <<<image_1>>> beside <<<image_12>>>, not <<image_3>>')).toBe('put @Image1 beside @Image12, not <<image_3>>')
  })
})

describe('fal response mapping', () => {
  const submit = { status: 'IN_QUEUE', request_id: 'r1', status_url: 'https://q.fal/x/requests/r1/status', response_url: 'https://q.fal/x/requests/r1', cancel_url: 'c' }

  it('keeps the status and response URLs exactly as returned, in the task id', () => {
    const ref = parseFalSubmit(submit, 'https://q.fal')!
    expect(ref).toEqual({ request_id: 'r1', status_url: submit.status_url, response_url: submit.response_url })
    expect(parseFalTaskId(falTaskId(ref))).toEqual(ref)
    expect(parseFalSubmit({ ...submit, status_url: undefined }, 'https://q.fal')).toBeNull()
    expect(parseFalSubmit({ ...submit, response_url: 'javascript:alert(1)' }, 'https://q.fal')).toBeNull()
  })

  it('follows queue URLs only on fal’s own site: the key is sent there', () => {
    const at = (status_url: string, base: string) => parseFalSubmit({ request_id: 'r', status_url, response_url: status_url }, base) !== null
    expect(at('https://queue.fal.run/fal-ai/kling-image/requests/r/status', 'https://queue.fal.run')).toBe(true)
    expect(at('https://rest.fal.run/x', 'https://queue.fal.run')).toBe(true)
    expect(at('http://127.0.0.1:9343/x', 'http://127.0.0.1:9342')).toBe(true)
    expect(at('https://evil.example/x', 'https://queue.fal.run')).toBe(false)
    expect(at('https://fal.run.evil.example/x', 'https://queue.fal.run')).toBe(false)
    expect(at('http://queue.fal.run/x', 'https://queue.fal.run')).toBe(false)
    expect(at('https://user:pw@queue.fal.run/x', 'https://queue.fal.run')).toBe(false)
    expect(at('http://127.0.0.2:9343/x', 'http://127.0.0.1:9342')).toBe(false)
  })

  it('reads IN_QUEUE / IN_PROGRESS / COMPLETED', () => {
    expect(parseFalStatus({ status: 'IN_QUEUE' })).toBe('queued')
    expect(parseFalStatus({ status: 'IN_PROGRESS' })).toBe('running')
    expect(parseFalStatus({ status: 'COMPLETED' })).toBe('completed')
    expect(parseFalStatus({ status: 'DONE' })).toBeNull()
  })

  it('reads images[].url in order; no images is a bad response', () => {
    expect(falResultState({ images: [{ url: 'https://m/a.png', width: 1 }, { url: 'https://m/b.png' }] })).toEqual({
      state: 'succeeded',
      images: [{ index: 0, url: 'https://m/a.png' }, { index: 1, url: 'https://m/b.png' }],
    })
    expect(falResultState({ images: [] })).toMatchObject({ state: 'failed', reason: 'bad_response' })
  })

  it('turns {detail: [...]} into plain messages naming the field', () => {
    const body = { detail: [{ loc: ['body', 'num_images'], msg: 'Input should be less than or equal to 9', type: 'less_than_equal' }, { loc: ['body', 'image_url'], msg: 'bad', type: 'x' }] }
    expect(falErrorMessage(body)).toBe('num_images: Input should be less than or equal to 9; image_url: bad')
    expect(falErrorMessage({ detail: 'Path not found' })).toBe('Path not found')
  })

  it.each<[number, Headers, unknown, string, boolean]>([
    [401, retryable(), { detail: 'No user found' }, 'auth', false],
    [403, retryable(), { detail: 'User is locked. Reason: Exhausted balance.' }, 'insufficient_credits', false],
    [422, retryable('false'), { detail: [{ loc: ['body', 'prompt'], msg: 'flagged', type: 'content_policy_violation' }] }, 'content_rejected', false],
    [422, retryable('false'), { detail: [{ loc: ['body', 'num_images'], msg: 'too big', type: 'less_than_equal' }] }, 'rejected_request', false],
    [429, retryable(), { detail: 'slow down' }, 'unavailable', true],
    [503, retryable('false'), { detail: 'down' }, 'unavailable', false],
    [500, retryable('true'), { detail: 'runner crashed' }, 'unavailable', true],
    [504, retryable(), null, 'unavailable', true],
  ])('HTTP %s → %s (X-Fal-Retryable decides retries when present)', (status, headers, body, reason, canRetry) => {
    expect(falFailure(status, headers, body)).toMatchObject({ reason, retryable: canRetry })
  })
})
