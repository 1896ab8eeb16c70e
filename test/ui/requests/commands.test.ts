import { expect, test } from 'vitest'
import { commandRoute, planQuickGenerate, planRegenerate, planVariations } from '../../../ui/requests/commands'
import { makeCaps, makeModel, makeNode } from '../fixtures'

const node = makeNode({ id: '7:1', name: 'Hero', width: 1600, height: 900, hasImage: true })

test.each([
  [{ name: 'open' }, ['generate']],
  // The quick action with a typed prompt runs at once; without one the prompt field waits.
  [{ name: 'generate', prompt: 'x' }, ['jobs']],
  [{ name: 'generate' }, ['generate']],
  [{ name: 'generate', prompt: '  ' }, ['generate']],
  [{ name: 'expand' }, ['expand']],
  [{ name: 'fill' }, ['fill']],
  [{ name: 'regenerate', prompt: 'x', nodeId: '1' }, ['jobs']],
  [{ name: 'variations', prompt: 'x', nodeId: '1' }, ['jobs']],
  [{ name: 'regenerate', nodeId: '1' }, ['generate']],
] as const)('%j opens %j', (command, route) => {
  expect(commandRoute(command)).toEqual(route)
})

test('regenerate fills the node again at its nearest ratio', () => {
  const [spec] = planRegenerate('Misty lake', node, makeCaps())
  expect(spec.placement).toEqual({ kind: 'fill', nodeIds: ['7:1'] })
  expect(spec.request).toMatchObject({ operation: 'generate', prompt: 'Misty lake', aspect_ratio: '16:9', n: 1 })
  expect(planRegenerate('  ', node, makeCaps())).toEqual([])
})

test('variations: four image-to-image results beside the node', () => {
  const spec = planVariations('Misty lake', node, makeCaps(), 'QUJD')!
  expect(spec.placement).toEqual({ kind: 'beside', sourceId: '7:1' })
  expect(spec.request).toMatchObject({ operation: 'image_to_image', image: 'QUJD', n: 4, aspect_ratio: '16:9' })
})

test('variations without an image-to-image model (or image) generate the prompt four times beside it', () => {
  const caps = makeCaps([makeModel({ operations: ['generate'] })])
  const spec = planVariations('Misty lake', node, caps, 'QUJD')!
  expect(spec.placement).toEqual({ kind: 'beside', sourceId: '7:1' })
  expect(spec.request).toEqual({ operation: 'generate', model: 'kling-v3', prompt: 'Misty lake', aspect_ratio: '16:9', resolution: '1k', n: 4 })
  expect(planVariations('Misty lake', node, makeCaps(), null)?.request?.operation).toBe('generate')
})

test('the quick action generates the typed prompt into each selected frame at its nearest ratio, or one new frame', () => {
  const caps = makeCaps()
  const selection = { nodes: [node, makeNode({ id: '7:2', name: 'Story', width: 900, height: 1600 })], placeholders: [], reference: null, references: [], expand: null }
  const specs = planQuickGenerate('a red fox in snow', selection, caps)
  expect(specs.map((s) => [s.request?.aspect_ratio, s.placement])).toEqual([
    ['16:9', { kind: 'fill', nodeIds: ['7:1'] }],
    ['9:16', { kind: 'fill', nodeIds: ['7:2'] }],
  ])
  const none = planQuickGenerate('a red fox in snow', { nodes: [], placeholders: [], reference: null, references: [], expand: null }, caps)
  expect(none.map((s) => [s.request?.n, s.placement.kind])).toEqual([[1, 'new-frames']])
  expect(planQuickGenerate('  ', selection, caps)).toEqual([])
})
