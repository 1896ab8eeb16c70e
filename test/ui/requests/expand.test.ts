import { describe, expect, test } from 'vitest'
import { CreateJobRequest, createJobIssues } from '../../../shared/api/schemas'
import { planExpand, summarizeExpand } from '../../../ui/requests/expand'
import { EXPAND_ONE_PASS, EXPAND_TWO_PASSES } from '../fixtures'

describe('summarizeExpand', () => {
  test('growth per side in image multiples and frame pixels, in one pass', () => {
    const summary = summarizeExpand(EXPAND_ONE_PASS)
    expect(summary.sides).toEqual([
      { side: 'top', fraction: 0.25, px: 150 },
      { side: 'left', fraction: 0.5, px: 400 },
      { side: 'bottom', fraction: 0.25, px: 150 },
      { side: 'right', fraction: 0.5, px: 400 },
    ])
    expect(summary.plan).toMatchObject({ ok: true, output: { width: 1600, height: 900 } })
    expect(summary.passes).toBeNull()
  })

  test('too much for one call says how many passes and the sizes on the way', () => {
    const summary = summarizeExpand(EXPAND_TWO_PASSES)
    expect(summary.passes).toBe('Needs 2 passes: 600×400 → 980×600 → 1600×900')
  })

  test('an image that already covers its frame cannot be expanded', () => {
    const summary = summarizeExpand({ ...EXPAND_ONE_PASS, image: { x: 0, y: 0, width: 1600, height: 900 } })
    expect(summary.plan).toEqual({ ok: false, reason: 'The image already covers its frame.' })
    expect(planExpand(EXPAND_ONE_PASS, summary, 'AAAA', '', null)).toBeNull()
  })
})

describe('planExpand', () => {
  test('one pass: an expand request with the ratios, no aspect ratio, placed over the frame', () => {
    const spec = planExpand(EXPAND_ONE_PASS, summarizeExpand(EXPAND_ONE_PASS), 'AAAA', ' grass ', 'kling-v3')!
    expect(spec.request).toEqual({
      operation: 'expand',
      model: 'kling-v3',
      prompt: 'grass',
      image: 'AAAA',
      expansion: { top: 0.25, bottom: 0.25, left: 0.5, right: 0.5 },
    })
    expect(spec.chain).toEqual([])
    expect(spec.placement).toEqual({ kind: 'expand', frameId: '4:1', sourceId: '4:2' })
    expect(CreateJobRequest.safeParse(spec.request).success).toBe(true)
    expect(createJobIssues(spec.request!)).toEqual([])
  })

  test('two passes: the first request, then the ratios the second pass applies to its result', () => {
    const spec = planExpand(EXPAND_TWO_PASSES, summarizeExpand(EXPAND_TWO_PASSES), 'AAAA', '', null)!
    expect(spec.request).not.toHaveProperty('prompt')
    expect(spec.request).not.toHaveProperty('model')
    expect(spec.chain).toHaveLength(1)
    expect(spec.detail).toBe('600×400 → 1600×900 · 2 passes')
    for (const expansion of [spec.request!.expansion!, ...spec.chain!]) {
      expect(createJobIssues({ operation: 'expand', image: 'A', expansion })).toEqual([])
    }
  })
})
