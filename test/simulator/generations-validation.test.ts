import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startKlingSimulator, type KlingSimulator } from './kling-simulator'
import { buildPng, patternPixel } from './fixtures/build-png'
import { SimClient } from './fixtures/sim-client'

let sim: KlingSimulator
let client: SimClient
const image = buildPng(400, 300, patternPixel).toString('base64')

beforeAll(async () => {
  sim = await startKlingSimulator({ delayMs: 50 })
  client = new SimClient(sim.url)
})
afterAll(() => sim.close())
beforeEach(() => client.reset())

const long = 'a'.repeat(2501)

describe('POST /v1/images/generations rejects what Kling rejects (400)', () => {
  it.each<[string, Record<string, unknown>, number, string]>([
    ['missing prompt', { model_name: 'kling-v3' }, 1200, 'prompt is required'],
    ['empty prompt', { prompt: '' }, 1200, 'prompt is required'],
    ['non-string prompt', { prompt: 42 }, 1201, 'prompt must be a string'],
    ['prompt over 2500 chars', { prompt: long }, 1201, 'prompt cannot exceed 2500'],
    ['unknown key', { prompt: 'p', style: 'anime' }, 1201, 'unknown parameter: style'],
    ['unknown model', { prompt: 'p', model_name: 'kling-image-o1' }, 1201, 'model_name must be one of'],
    ['upper-case model', { prompt: 'p', model_name: 'KLING-V3' }, 1201, 'model_name'],
    ['negative_prompt over 2500', { prompt: 'p', negative_prompt: long }, 1201, 'negative_prompt cannot exceed'],
    ['negative_prompt with image', { prompt: 'p', model_name: 'kling-v3', negative_prompt: 'blur', image }, 1201, 'negative_prompt is not supported'],
    ['resolution 1K (upper case)', { prompt: 'p', model_name: 'kling-v3', resolution: '1K' }, 1201, 'resolution must be one of'],
    ['resolution 4k', { prompt: 'p', model_name: 'kling-v3', resolution: '4k' }, 1201, 'resolution'],
    ['2k on kling-v1', { prompt: 'p', model_name: 'kling-v1', resolution: '2k' }, 1201, 'resolution 2k is not supported by kling-v1'],
    ['2k image-to-image on kling-v2', { prompt: 'p', model_name: 'kling-v2', resolution: '2k', image }, 1201, 'for image-to-image'],
    ['aspect_ratio auto', { prompt: 'p', model_name: 'kling-v3', aspect_ratio: 'auto' }, 1201, 'aspect_ratio must be one of'],
    ['aspect_ratio 5:4', { prompt: 'p', model_name: 'kling-v3', aspect_ratio: '5:4' }, 1201, 'aspect_ratio'],
    ['21:9 on kling-v1', { prompt: 'p', model_name: 'kling-v1', aspect_ratio: '21:9' }, 1201, '21:9 is not supported by kling-v1'],
    ['21:9 on default model', { prompt: 'p', aspect_ratio: '21:9' }, 1201, 'kling-v1'],
    ['n = 0', { prompt: 'p', n: 0 }, 1201, 'n must be within [1, 9]'],
    ['n = 10', { prompt: 'p', n: 10 }, 1201, 'n must be within'],
    ['n = 1.5', { prompt: 'p', n: 1.5 }, 1201, 'n must be an integer'],
    ['n as string', { prompt: 'p', n: '2' }, 1201, 'n must be a number'],
    ['image_reference other', { prompt: 'p', model_name: 'kling-v1-5', image, image_reference: 'style' }, 1201, 'image_reference must be one of'],
    ['image_reference without image', { prompt: 'p', model_name: 'kling-v1-5', image_reference: 'face' }, 1200, 'image is required'],
    ['kling-v1-5 image without image_reference', { prompt: 'p', model_name: 'kling-v1-5', image }, 1200, 'image_reference is required'],
    ['image_reference on kling-v3', { prompt: 'p', model_name: 'kling-v3', image, image_reference: 'subject' }, 1201, 'only kling-v1-5'],
    ['image_fidelity > 1', { prompt: 'p', model_name: 'kling-v1', image, image_fidelity: 1.2 }, 1201, 'image_fidelity must be within [0, 1]'],
    ['image_fidelity on kling-v2-1', { prompt: 'p', model_name: 'kling-v2-1', image, image_fidelity: 0.5 }, 1201, 'image_fidelity is not supported by kling-v2-1'],
    ['human_fidelity on kling-v1', { prompt: 'p', model_name: 'kling-v1', image, human_fidelity: 0.5 }, 1201, 'human_fidelity is only supported'],
    ['human_fidelity with face', { prompt: 'p', model_name: 'kling-v1-5', image, image_reference: 'face', human_fidelity: 0.5 }, 1201, 'human_fidelity'],
    ['human_fidelity < 0', { prompt: 'p', model_name: 'kling-v1-5', image, image_reference: 'subject', human_fidelity: -0.1 }, 1201, 'human_fidelity must be within'],
    ['kling-v2-new without image', { prompt: 'p', model_name: 'kling-v2-new' }, 1200, 'image is required for kling-v2-new'],
    ['watermark_info not an object', { prompt: 'p', watermark_info: true }, 1201, 'watermark_info must be an object'],
    ['watermark_info extra key', { prompt: 'p', watermark_info: { enabled: true, text: 'x' } }, 1201, 'watermark_info.text'],
    ['watermark_info.enabled string', { prompt: 'p', watermark_info: { enabled: 'yes' } }, 1201, 'watermark_info.enabled'],
    ['callback_url not a URL', { prompt: 'p', callback_url: 'not a url' }, 1201, 'callback_url'],
    ['callback_url ftp', { prompt: 'p', callback_url: 'ftp://example.com/x' }, 1201, 'callback_url'],
    ['external_task_id number', { prompt: 'p', external_task_id: 7 }, 1201, 'external_task_id must be a string'],
    ['element_list not array', { prompt: 'p', model_name: 'kling-v3', element_list: { element_id: 1 } }, 1201, 'element_list'],
    ['element_list item key', { prompt: 'p', model_name: 'kling-v3', element_list: [{ id: 1 }] }, 1201, 'element_list[].id'],
    [
      'elements + image over 10',
      { prompt: 'p', model_name: 'kling-v3', image, element_list: Array.from({ length: 10 }, (_, i) => ({ element_id: i + 1 })) },
      1201,
      'cannot exceed 10',
    ],
  ])('%s → code %i', async (_name, body, code, message) => {
    const answer = await client.create('generations', body)
    expect(answer.status).toBe(400)
    expect(answer.body.code).toBe(code)
    expect(answer.body.message).toContain(message)
    expect(answer.body.data).toBeNull()
  })

  it.each<[string, string | undefined, string]>([
    ['text/plain content type', 'text/plain', '{"prompt":"p"}'],
    ['no content type', undefined, '{"prompt":"p"}'],
    ['invalid JSON', 'application/json', '{"prompt":'],
    ['array body', 'application/json', '[{"prompt":"p"}]'],
    ['empty body', 'application/json', ''],
  ])('%s → 400 code 1200', async (_name, contentType, raw) => {
    const response = await fetch(`${sim.url}/v1/images/generations`, {
      method: 'POST',
      headers: { Authorization: 'Bearer dev-api-key', ...(contentType ? { 'Content-Type': contentType } : {}) },
      body: raw,
    })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { code: number }).code).toBe(1200)
  })

  it('refuses a prompt with "forbidden" (1301) and creates nothing', async () => {
    const answer = await client.create('generations', { prompt: 'something Forbidden here', model_name: 'kling-v3' })
    expect([answer.status, answer.body.code, answer.body.message]).toEqual([400, 1301, 'content security policy triggered'])
    expect(await client.tasks()).toEqual([])
  })

  it('rejects a second create with the same external_task_id, across endpoints', async () => {
    await client.createOk('generations', { prompt: 'p', model_name: 'kling-v3', external_task_id: 'job-1' })
    const again = await client.create('generations', { prompt: 'p', model_name: 'kling-v3', external_task_id: 'job-1' })
    expect([again.status, again.body.code, again.body.message]).toEqual([400, 1201, 'external_task_id already exists'])
    const expand = await client.create('expand', { image, up_expansion_ratio: 0.5, external_task_id: 'job-1' })
    expect(expand.body.code).toBe(1201)
  })
})

describe('POST /v1/images/generations accepts the documented shapes', () => {
  it.each<[string, Record<string, unknown>]>([
    ['minimal text-to-image', { prompt: 'a cat' }],
    ['official sample (empty strings are "not given")', { model_name: 'kling-v2-1', prompt: 'Generate a Pixar-style puppy', negative_prompt: '', image, n: 2, external_task_id: '', callback_url: '' }],
    ['every text field', { model_name: 'kling-v3', prompt: 'p', negative_prompt: 'blur', resolution: '2k', aspect_ratio: '21:9', n: 9, watermark_info: { enabled: true } }],
    ['kling-v1-5 subject with fidelities', { model_name: 'kling-v1-5', prompt: 'p', image, image_reference: 'subject', image_fidelity: 0, human_fidelity: 1 }],
    ['kling-v1 image with fidelity', { model_name: 'kling-v1', prompt: 'p', image, image_fidelity: 0.5 }],
    ['kling-v2-new restyle', { model_name: 'kling-v2-new', prompt: 'watercolour', image }],
    ['legacy model field', { model: 'kling-v2', prompt: 'p' }],
    ['null optional fields', { prompt: 'p', model_name: 'kling-v3', negative_prompt: null, image: null, callback_url: null }],
    ['elements', { prompt: 'p', model_name: 'kling-v3', element_list: [{ element_id: 123456789012 }] }],
    ['prompt of exactly 2500 chars', { prompt: 'é'.repeat(2500), model_name: 'kling-v3' }],
  ])('%s', async (_name, body) => {
    const answer = await client.create('generations', body)
    expect(answer.body).toMatchObject({ code: 0, message: 'SUCCEED' })
    expect(answer.status).toBe(200)
  })

  it('records that an absent model_name silently ran kling-v1 (the documented trap)', async () => {
    await client.createOk('generations', { prompt: 'p' })
    await client.createOk('generations', { prompt: 'p', model: 'kling-v3' })
    await client.createOk('generations', { prompt: 'p', model_name: 'kling-v3' })
    const tasks = await client.tasks()
    expect(tasks.map((task) => [task.model_name, task.model_name_defaulted])).toEqual([
      ['kling-v1', true],
      ['kling-v1', true],
      ['kling-v3', false],
    ])
  })
})
