import { describe, expect, test } from 'vitest'
import { rowStartClearOf } from '../../../shared/geometry/row-clear-of'

const beside = { x: 0, y: 0, width: 600, height: 800 }
const sizes = [
  { width: 1000, height: 500 },
  { width: 1000, height: 500 },
]

describe('rowStartClearOf', () => {
  test('keeps the planned start when nothing is in the way', () => {
    expect(rowStartClearOf(beside, sizes, [beside, { x: 0, y: 1000, width: 5000, height: 100 }])).toBe(680)
  })

  test('moves past what the row would cover, again and again, only to the right', () => {
    const obstacles = [
      { x: 700, y: 0, width: 800, height: 600 }, // under the first frame
      { x: 2300, y: 400, width: 1200, height: 800 }, // hit once the row has moved past the first
      { x: 5000, y: 600, width: 100, height: 100 }, // below the row's band: never in the way
    ]
    // Past the first: 1580..3620 covers the second; past it: 3580.
    expect(rowStartClearOf(beside, sizes, obstacles)).toBe(3580)
  })

  test('with no anchor starts at the origin (or past what is there), and with no frames right of the anchor', () => {
    expect(rowStartClearOf(null, sizes, [])).toBe(0)
    expect(rowStartClearOf(null, sizes, [{ x: -50, y: -50, width: 100, height: 100 }])).toBe(130)
    expect(rowStartClearOf(beside, [], [{ x: 0, y: 0, width: 9999, height: 9999 }])).toBe(680)
  })
})
