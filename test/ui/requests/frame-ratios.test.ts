import { expect, test } from 'vitest'
import { cropText, fillableNodes, frameRatios } from '../../../ui/requests/frame-ratios'
import { makeNode, NOTHING_SELECTED } from '../fixtures'

test('nearest ratio and crop per frame, e.g. "Hero · 16:9 · 3% cropped"', () => {
  const rows = frameRatios([makeNode({ id: 'h', name: 'Hero', width: 1500, height: 900 })], 'match', ['1:1', '16:9', '4:3'])
  expect(rows[0].ratio).toBe('16:9')
  expect(`${rows[0].node.name} · ${rows[0].ratio} · ${cropText(rows[0].crop)}`).toBe('Hero · 16:9 · 6% cropped')
})

test('a chosen ratio reports how much it crops each frame', () => {
  const [row] = frameRatios([makeNode({ id: 'w', width: 1600, height: 900 })], '1:1', ['1:1', '16:9'])
  expect(row.ratio).toBe('1:1')
  expect(Math.round(row.crop * 100)).toBe(44)
})

test.each([
  [0, 'no crop'],
  [0.004, 'no crop'],
  [0.031, '3% cropped'],
  [0.42, '42% cropped'],
])('cropText(%d) = %s', (crop, text) => expect(cropText(crop)).toBe(text))

test('only nodes that can take an image fill are targets', () => {
  const selection = {
    ...NOTHING_SELECTED,
    nodes: [
      makeNode({ id: '1', type: 'FRAME' }),
      makeNode({ id: '2', type: 'TEXT' }),
      makeNode({ id: '3', type: 'RECTANGLE' }),
      makeNode({ id: '4', type: 'GROUP' }),
      makeNode({ id: '5', type: 'ELLIPSE', width: 0 }),
    ],
  }
  expect(fillableNodes(selection).map((n) => n.id)).toEqual(['1', '3'])
  expect(fillableNodes(null)).toEqual([])
})
