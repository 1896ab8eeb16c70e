import { describe, expect, test } from 'vitest'
import { createJobIssues, CreateJobRequest } from '../../../shared/api/schemas'
import type { JobSpec } from '../../../ui/jobs/job-spec'
import { clientRef, DEFAULT_GENERATE_FORM, frameList, planGenerate, promptIssue, type GenerateForm } from '../../../ui/requests/generate'
import { makeModel, makeNode, THREE_FRAMES_SELECTED } from '../fixtures'

const form = (over: Partial<GenerateForm> = {}): GenerateForm => ({ ...DEFAULT_GENERATE_FORM, prompt: 'a cat', ...over })

/** Every request the UI builds must pass the same checks the server runs. */
function expectValid(specs: JobSpec[]) {
  for (const spec of specs) {
    expect(CreateJobRequest.safeParse(spec.request).success).toBe(true)
    expect(createJobIssues(spec.request!)).toEqual([])
  }
}

describe('planGenerate with frames selected', () => {
  test('one job per ratio, n = frames of that ratio, images filling those frames', () => {
    const frames = [
      makeNode({ id: 'a', width: 1600, height: 900 }),
      makeNode({ id: 'b', width: 500, height: 500 }),
      makeNode({ id: 'c', width: 1920, height: 1080 }),
    ]
    const specs = planGenerate(form(), frames, makeModel())
    expect(specs.map((s) => [s.request?.aspect_ratio, s.request?.n, s.placement])).toEqual([
      ['16:9', 2, { kind: 'fill', nodeIds: ['a', 'c'] }],
      ['1:1', 1, { kind: 'fill', nodeIds: ['b'] }],
    ])
    expect(specs[0].meta).toEqual({ operation: 'generate', prompt: 'a cat', model: 'kling-v3', aspectRatio: '16:9' })
    expect(specs[0].request?.client_ref).toBe('a,c')
    expectValid(specs)
  })

  test('more than 9 frames of a ratio split into jobs of at most 9', () => {
    const frames = Array.from({ length: 20 }, (_, i) => makeNode({ id: `f${i}`, width: 300, height: 300 }))
    const specs = planGenerate(form(), frames, makeModel())
    expect(specs.map((s) => s.request?.n)).toEqual([9, 9, 2])
    expect(specs.flatMap((s) => (s.placement.kind === 'fill' ? s.placement.nodeIds : []))).toEqual(frames.map((f) => f.id))
  })

  test('a chosen ratio applies to every frame (FILL crops each)', () => {
    const specs = planGenerate(form({ aspect: '4:3' }), THREE_FRAMES_SELECTED.nodes, makeModel())
    expect(specs).toHaveLength(1)
    expect(specs[0].request).toMatchObject({ aspect_ratio: '4:3', n: 3 })
  })

  test('frames only choose among the ratios the model offers', () => {
    const model = makeModel({ aspect_ratios: ['1:1', '16:9'] })
    const specs = planGenerate(form(), [makeNode({ id: 'tall', width: 900, height: 1600 })], model)
    expect(specs[0].request?.aspect_ratio).toBe('1:1')
  })
})

describe('planGenerate with nothing selected', () => {
  test('"match selection" with nothing to match is 1:1, n images into new frames', () => {
    const [spec, ...rest] = planGenerate(form({ n: 4 }), [], makeModel())
    expect(rest).toEqual([])
    expect(spec.placement).toEqual({ kind: 'new-frames' })
    expect(spec.request).toEqual({ operation: 'generate', model: 'kling-v3', prompt: 'a cat', resolution: '1k', aspect_ratio: '1:1', n: 4 })
    expect(spec.detail).toBe('1:1 · 4 new frames')
  })

  test('the chosen ratio and resolution are used; n is clamped to the model', () => {
    const [spec] = planGenerate(form({ aspect: '21:9', resolution: '2k', n: 12 }), [], makeModel({ n: { min: 1, max: 4 } }))
    expect(spec.request).toMatchObject({ aspect_ratio: '21:9', resolution: '2k', n: 4 })
  })

  test('a resolution the model lacks falls back to its first', () => {
    const [spec] = planGenerate(form({ resolution: '4k' }), [], makeModel({ resolutions: ['1k', '2k'] }))
    expect(spec.request?.resolution).toBe('1k')
  })
})

describe('negative prompt', () => {
  test('sent (trimmed) when the model honours it', () => {
    const [spec] = planGenerate(form({ negativePrompt: '  text, watermark ' }), [], makeModel())
    expect(spec.request?.negative_prompt).toBe('text, watermark')
  })
  test('left out when empty or when the model does not list it', () => {
    expect(planGenerate(form({ negativePrompt: '  ' }), [], makeModel())[0].request).not.toHaveProperty('negative_prompt')
    const model = makeModel({ parameters: [] })
    expect(planGenerate(form({ negativePrompt: 'blur' }), [], model)[0].request).not.toHaveProperty('negative_prompt')
  })
})

test.each([
  ['', 100, 'Write a prompt first.'],
  ['   ', 100, 'Write a prompt first.'],
  ['ok', 100, null],
  ['x'.repeat(105), 100, 'The prompt is 5 characters too long.'],
])('promptIssue(%j, %d)', (prompt, max, issue) => {
  expect(promptIssue(prompt, max)).toBe(issue)
})

test('frameList and clientRef stay short', () => {
  expect(frameList(['Hero'])).toBe('Hero')
  expect(frameList(['Hero', 'Card'])).toBe('Hero, Card')
  expect(frameList(['Hero', 'Card', 'Story'])).toBe('Hero and 2 more')
  const ids = Array.from({ length: 60 }, (_, i) => `123:${i}`)
  const ref = clientRef(ids)
  expect(ref.length).toBeLessThanOrEqual(200)
  expect(ref.endsWith(',')).toBe(false)
  expect(ids.join(',').startsWith(ref)).toBe(true)
})
