import { describe, expect, it } from 'vitest'
import { isDescriptiveName, placeholderPrompt } from '../../../shared/placeholders/placeholder-prompt'
import { planBatches, type PlaceholderTarget } from '../../../shared/placeholders/plan-batches'

describe('placeholderPrompt', () => {
  it.each([
    ['Frame 12', false],
    ['Rectangle', false],
    ['ellipse 3', false],
    ['Section 1', false],
    ['AB', false],
    ['Hero banner', true],
    ['Café terrace at dusk', true],
  ])('"%s" descriptive: %s', (name, expected) => {
    expect(isDescriptiveName(name)).toBe(expected)
  })

  it('uses a descriptive layer name, else the shared prompt, plus the style suffix', () => {
    expect(placeholderPrompt('Hero banner', 'mountains', 'film photo')).toBe('Hero banner, film photo')
    expect(placeholderPrompt('Frame 3', 'mountains', 'film photo')).toBe('mountains, film photo')
    expect(placeholderPrompt('Frame 3', 'mountains')).toBe('mountains')
    expect(placeholderPrompt('Frame 3', '  ', 'film photo')).toBe('')
  })
})

describe('planBatches', () => {
  const targets = (n: number, prompt: string, ratio: PlaceholderTarget['ratio']) =>
    Array.from({ length: n }, (_, i) => ({ nodeId: `${ratio}-${prompt}-${i}`, prompt, ratio }))

  it('makes ceil(N/9) jobs for N placeholders that share prompt and ratio', () => {
    const batches = planBatches(targets(20, 'sea', '16:9'))
    expect(batches.map((b) => b.nodeIds.length)).toEqual([9, 9, 2])
  })

  it('keeps different ratios and prompts apart, in order of first appearance', () => {
    const batches = planBatches([
      ...targets(2, 'sea', '16:9'),
      ...targets(1, 'sea', '1:1'),
      ...targets(1, 'sky', '16:9'),
    ])
    expect(batches.map((b) => [b.prompt, b.ratio, b.nodeIds.length])).toEqual([
      ['sea', '16:9', 2],
      ['sea', '1:1', 1],
      ['sky', '16:9', 1],
    ])
  })

  it('fills 24 placeholders of 6 ratios with 6 jobs', () => {
    const ratios = ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'] as const
    const batches = planBatches(ratios.flatMap((r) => targets(4, 'x', r)))
    expect(batches).toHaveLength(6)
    expect(batches.every((b) => b.nodeIds.length === 4)).toBe(true)
  })
})
