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

describe('POST /v1/images/editing/expand validation (kling-upstream.md §2.3)', () => {
  it.each<[string, Record<string, unknown>, number, string]>([
    ['missing image', { up_expansion_ratio: 0.5 }, 1200, 'image is required'],
    ['model_name is not a field here', { image, model_name: 'kling-v3', up_expansion_ratio: 0.5 }, 1201, 'unknown parameter: model_name'],
    ['negative_prompt is not a field here', { image, negative_prompt: 'x' }, 1201, 'unknown parameter: negative_prompt'],
    ['aspect_ratio is not a field here', { image, aspect_ratio: '16:9' }, 1201, 'unknown parameter: aspect_ratio'],
    ['ratio above 2', { image, left_expansion_ratio: 2.01 }, 1201, 'left_expansion_ratio must be within [0, 2]'],
    ['negative ratio', { image, up_expansion_ratio: -0.1 }, 1201, 'up_expansion_ratio must be within'],
    ['ratio as string', { image, down_expansion_ratio: '0.5' }, 1201, 'down_expansion_ratio must be a number'],
    ['area over 3x', { image, up_expansion_ratio: 0.5, down_expansion_ratio: 0.5, left_expansion_ratio: 0.3, right_expansion_ratio: 0.3 }, 1201, 'must not exceed 3x'],
    ['one side at 2 is 3x, plus a little', { image, right_expansion_ratio: 2, up_expansion_ratio: 0.01 }, 1201, '3x'],
    ['prompt over 2500', { image, prompt: 'x'.repeat(2501) }, 1201, 'prompt cannot exceed'],
    ['n = 10', { image, n: 10 }, 1201, 'n must be within'],
  ])('%s → code %i', async (_name, body, code, message) => {
    const answer = await client.create('expand', body)
    expect([answer.status, answer.body.code]).toEqual([400, code])
    expect(answer.body.message).toContain(message)
  })

  it.each<[string, Record<string, unknown>]>([
    ['official sample shape', { up_expansion_ratio: 0.1495, down_expansion_ratio: 0.1495, left_expansion_ratio: 0.6547, right_expansion_ratio: 0.6547, prompt: '', image, n: 2 }],
    ['exactly 3x area (one side at 2)', { image, left_expansion_ratio: 2 }],
    ['exactly 3x area (float noise)', { image, up_expansion_ratio: 0.5, down_expansion_ratio: 0.5, left_expansion_ratio: 0.1 + 0.2 - 0.3 }],
    ['everything optional', { image, prompt: 'sea', n: 3, watermark_info: { enabled: false }, callback_url: 'http://127.0.0.1:1/cb', external_task_id: 'x-1' }],
  ])('accepts %s', async (_name, body) => {
    const answer = await client.create('expand', body)
    expect(answer.body).toMatchObject({ code: 0, data: { task_status: 'submitted' } })
  })
})
