import { describe, expect, it } from 'vitest'
import { exportScale } from '../../../shared/geometry/export-scale'
import { layoutRow } from '../../../shared/geometry/layout-row'
import { boundsOf } from '../../../shared/geometry/rect'

describe('exportScale', () => {
  it.each([
    [{ width: 4000, height: 3000 }, 2048 / 4000],
    [{ width: 1024, height: 768 }, 2], // @2x fits within 2048
    [{ width: 1600, height: 900 }, 2048 / 1600], // @2x would pass 2048
    [{ width: 200, height: 200 }, 2],
    [{ width: 100, height: 120 }, 3], // @2x is still under 300 on the short side
    [{ width: 100, height: 250 }, 3],
    [{ width: 3000, height: 200 }, 2048 / 3000], // cannot reach 300 on the short side without breaking 2048
  ])('%o → %f', (size, scale) => {
    expect(exportScale(size)).toBeCloseTo(scale, 6)
  })
})

describe('layoutRow', () => {
  it('starts beside the existing content, aligned to its top', () => {
    const content = boundsOf([
      { x: 0, y: 100, width: 500, height: 500 },
      { x: 600, y: 0, width: 400, height: 300 },
    ])
    expect(content).toEqual({ x: 0, y: 0, width: 1000, height: 600 })
    const rects = layoutRow(content, [{ width: 1360, height: 768 }, { width: 1360, height: 768 }], 80)
    expect(rects).toEqual([
      { x: 1080, y: 0, width: 1360, height: 768 },
      { x: 2480, y: 0, width: 1360, height: 768 },
    ])
  })

  it('starts at the origin on an empty page', () => {
    expect(layoutRow(null, [{ width: 10, height: 10 }])[0]).toEqual({ x: 0, y: 0, width: 10, height: 10 })
  })
})
