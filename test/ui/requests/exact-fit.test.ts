import { describe, expect, test } from 'vitest'
import { createJobIssues, CreateJobRequest } from '../../../shared/api/schemas'
import { withinExpansionLimits } from '../../../shared/geometry/expansion'
import { canFitExactly } from '../../../ui/requests/exact-fit'
import { placeholderRows, planFill } from '../../../ui/requests/fill'
import { DEFAULT_GENERATE_FORM, planGenerate } from '../../../ui/requests/generate'
import { makeCaps, makeModel, makeNode } from '../fixtures'

const cinema = makeNode({ id: 'c', name: 'Cinema still', width: 740, height: 400 })
const phone = makeNode({ id: 'p', name: 'Phone screen', width: 375, height: 812 })
const square = makeNode({ id: 's', name: 'Square', width: 500, height: 500 })

describe('Fit exactly in Generate', () => {
  test('a frame without a Kling ratio gets its own job: the nearest ratio, then one expand pass to its ratio', () => {
    const specs = planGenerate({ ...DEFAULT_GENERATE_FORM, prompt: 'a cat' }, [cinema, phone, square], makeModel(), { exactFit: true })
    expect(specs.map((s) => [s.request?.aspect_ratio, s.request?.n, s.placement, s.chain?.length ?? 0])).toEqual([
      ['16:9', 1, { kind: 'fill', nodeIds: ['c'] }, 1],
      ['9:16', 1, { kind: 'fill', nodeIds: ['p'] }, 1],
      ['1:1', 1, { kind: 'fill', nodeIds: ['s'] }, 0],
    ])
    expect(specs[0].detail).toBe('16:9 → 1.85:1, +4% width by expand · Cinema still')
    const [left, right] = [specs[0].chain![0].left, specs[0].chain![0].right]
    expect(left).toBe(right)
    for (const spec of specs) {
      expect(CreateJobRequest.safeParse(spec.request).success).toBe(true)
      expect(createJobIssues(spec.request!)).toEqual([])
      for (const pass of spec.chain ?? []) expect(withinExpansionLimits(pass)).toBe(true)
    }
  })

  test('off, or with a fixed ratio chosen, frames are cropped as before', () => {
    expect(planGenerate({ ...DEFAULT_GENERATE_FORM, prompt: 'a cat' }, [cinema], makeModel()).every((s) => !s.chain?.length)).toBe(true)
    expect(
      planGenerate({ ...DEFAULT_GENERATE_FORM, prompt: 'a cat', aspect: '1:1' }, [cinema], makeModel(), { exactFit: true }).every((s) => !s.chain?.length),
    ).toBe(true)
  })
})

describe('Fit exactly in Fill placeholders', () => {
  test('each odd placeholder gets a generate + expand job; the rest batch as before', () => {
    const rows = placeholderRows([cinema, phone, square], 'a harbour', '', makeModel().aspect_ratios)
    const specs = planFill(rows, makeModel(), '1k', { exactFit: true })
    expect(specs.map((s) => [s.request?.aspect_ratio, s.placement, s.chain?.[0] ? 'expand' : 'none'])).toEqual([
      ['16:9', { kind: 'fill', nodeIds: ['c'] }, 'expand'],
      ['9:16', { kind: 'fill', nodeIds: ['p'] }, 'expand'],
      ['1:1', { kind: 'fill', nodeIds: ['s'] }, 'none'],
    ])
  })
})

describe('canFitExactly', () => {
  test('needs a model that can expand: sellers without Kling expand (fal.ai) do not offer it', () => {
    expect(canFitExactly(makeCaps())).toBe(true)
    expect(canFitExactly(makeCaps([makeModel({ operations: ['generate', 'image_to_image'] })]))).toBe(false)
    expect(canFitExactly(null)).toBe(false)
  })
})
