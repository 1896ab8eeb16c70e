import { describe, expect, it } from 'vitest'
import { pixelDojoJobUrl, pixelDojoRunBody, pixelDojoRunUrl } from '../../server/providers/pixeldojo-request'
import { parsePixelDojoRun, pixelDojoCost, pixelDojoFailure, pixelDojoJobState } from '../../server/providers/pixeldojo-response'
import type { TaskInput } from '../../server/providers/provider'

const base: TaskInput = { jobId: 'job_1', operation: 'generate', model: 'kling-v3', n: 4, prompt: 'p', aspect_ratio: '3:2', resolution: '2k' }

describe('PixelDojo request mapping', () => {
  it('maps n to num_outputs and the resolution to upper case, PNG, negative prompt when given', () => {
    expect(pixelDojoRunBody({ ...base, negative_prompt: 'fog' })).toEqual({ prompt: 'p', negative_prompt: 'fog', resolution: '2K', aspect_ratio: '3:2', num_outputs: 4, output_format: 'png' })
    expect(pixelDojoRunBody({ ...base, resolution: undefined, aspect_ratio: undefined })).toMatchObject({ resolution: '1K', aspect_ratio: '1:1' })
  })

  it('has only generate', () => {
    expect(() => pixelDojoRunBody({ ...base, operation: 'image_to_image' })).toThrow()
  })

  it('runs kling-image and polls /api/v1/jobs/{jobId}', () => {
    expect(pixelDojoRunUrl('https://pixeldojo.ai')).toBe('https://pixeldojo.ai/api/v1/models/kling-image/run')
    expect(pixelDojoJobUrl('https://pixeldojo.ai', 'job_a/b')).toBe('https://pixeldojo.ai/api/v1/jobs/job_a%2Fb')
  })
})

describe('PixelDojo response mapping', () => {
  it('reads the run answer', () => {
    expect(parsePixelDojoRun({ jobId: 'job_x', status: 'pending', statusUrl: 'u', creditCost: 4, creditsRemaining: 91 })).toEqual({ jobId: 'job_x', creditCost: 4, creditsRemaining: 91 })
    expect(parsePixelDojoRun({ status: 'pending' })).toBeNull()
  })

  it('reads pending / processing / completed (output.images as URLs, creditCost as cost) / failed', () => {
    expect(pixelDojoJobState({ status: 'pending' })).toEqual({ state: 'queued' })
    expect(pixelDojoJobState({ status: 'processing' })).toEqual({ state: 'running' })
    expect(pixelDojoJobState({ status: 'completed', output: { images: ['https://temp.pixeldojo.ai/a.png'] }, creditCost: 1 })).toEqual({
      state: 'succeeded',
      images: [{ index: 0, url: 'https://temp.pixeldojo.ai/a.png' }],
      cost: { amount: 1, unit: 'credits' },
    })
    expect(pixelDojoJobState({ status: 'failed', error: 'Content policy violation' })).toMatchObject({ state: 'failed', reason: 'content_rejected', message: expect.stringContaining('Content policy violation') })
    expect(pixelDojoJobState({ status: 'failed', error: 'GPU fell over' })).toMatchObject({ reason: 'task_failed' })
    expect(pixelDojoJobState({ status: 'weird' })).toBeNull()
    expect(pixelDojoCost('1')).toBeNull()
  })

  it.each<[number, unknown, string]>([
    [400, { error: 'Invalid parameters: num_outputs too big', code: 'invalid_request' }, 'rejected_request'],
    [401, { error: 'Invalid or missing API key', code: 'unauthorized' }, 'auth'],
    [402, { error: 'Not enough credits', code: 'insufficient_credits' }, 'insufficient_credits'],
    [404, { error: 'Model not found', code: 'model_not_found' }, 'rejected_request'],
    [429, { error: 'Too many requests', code: 'rate_limited' }, 'unavailable'],
    [500, { error: 'Server error', code: 'internal_error' }, 'unavailable'],
  ])('maps its error table: HTTP %s → %s', (status, body, reason) => {
    expect(pixelDojoFailure(status, body).reason).toBe(reason)
  })
})
