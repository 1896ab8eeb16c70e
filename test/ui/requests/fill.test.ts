import { expect, test } from 'vitest'
import { createJobIssues } from '../../../shared/api/schemas'
import { placeholderRows, planFill } from '../../../ui/requests/fill'
import { makeModel, makeNode } from '../fixtures'

const ALL = makeModel().aspect_ratios
const placeholders = [
  makeNode({ id: '1', name: 'Hero banner: city at dusk', width: 1600, height: 900 }),
  makeNode({ id: '2', name: 'Frame 12', width: 1000, height: 1000 }),
  makeNode({ id: '3', name: 'Rectangle 4', width: 1000, height: 1000 }),
  makeNode({ id: '4', name: 'Portrait of a chef', width: 900, height: 1200 }),
]

test('descriptive names are prompts; the others use the shared prompt; the suffix goes on all', () => {
  const rows = placeholderRows(placeholders, 'Fresh produce', 'soft light', ALL)
  expect(rows.map((r) => [r.prompt, r.fromName, r.ratio])).toEqual([
    ['Hero banner: city at dusk, soft light', true, '16:9'],
    ['Fresh produce, soft light', false, '1:1'],
    ['Fresh produce, soft light', false, '1:1'],
    ['Portrait of a chef, soft light', true, '3:4'],
  ])
})

test('without a shared prompt, default-named placeholders have none and are skipped', () => {
  const rows = placeholderRows(placeholders, '', 'soft light', ALL)
  expect(rows.filter((r) => !r.prompt).map((r) => r.node.id)).toEqual(['2', '3'])
  const specs = planFill(rows, makeModel(), '1k')
  expect(specs.flatMap((s) => (s.placement.kind === 'fill' ? s.placement.nodeIds : []))).toEqual(['1', '4'])
})

test('same prompt and ratio share a job; each job fills exactly its nodes', () => {
  const rows = placeholderRows(placeholders, 'Fresh produce', '', ALL)
  const specs = planFill(rows, makeModel(), '2k')
  expect(specs.map((s) => [s.request?.prompt, s.request?.aspect_ratio, s.request?.n, s.placement])).toEqual([
    ['Hero banner: city at dusk', '16:9', 1, { kind: 'fill', nodeIds: ['1'] }],
    ['Fresh produce', '1:1', 2, { kind: 'fill', nodeIds: ['2', '3'] }],
    ['Portrait of a chef', '3:4', 1, { kind: 'fill', nodeIds: ['4'] }],
  ])
  for (const spec of specs) expect(createJobIssues(spec.request!)).toEqual([])
  expect(specs[1].request?.resolution).toBe('2k')
})

test('ten alike placeholders become a job of 9 and a job of 1', () => {
  const many = Array.from({ length: 10 }, (_, i) => makeNode({ id: `p${i}`, name: `Frame ${i}`, width: 500, height: 500 }))
  const specs = planFill(placeholderRows(many, 'Clouds', '', ALL), makeModel(), '1k')
  expect(specs.map((s) => s.request?.n)).toEqual([9, 1])
})
