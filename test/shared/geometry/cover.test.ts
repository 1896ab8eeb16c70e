import { describe, expect, it } from 'vitest'
import { coverCrop, fitWithin } from '../../../shared/geometry/cover'

describe('coverCrop', () => {
  it('scales uniformly and centres the visible part', () => {
    const { scale, visible } = coverCrop({ width: 1360, height: 768 }, { width: 1000, height: 1000 })
    expect(scale).toBeCloseTo(1000 / 768)
    expect(visible.height).toBeCloseTo(768)
    expect(visible.width).toBeCloseTo(768)
    expect(visible.x).toBeCloseTo((1360 - 768) / 2)
    expect(visible.y).toBeCloseTo(0)
  })
})

describe('fitWithin', () => {
  it.each([
    [{ width: 5440, height: 3072 }, 4096, { width: 4096, height: 2313 }],
    [{ width: 3072, height: 5440 }, 4096, { width: 2313, height: 4096 }],
    [{ width: 1360, height: 768 }, 4096, { width: 1360, height: 768 }],
    [{ width: 6272, height: 2688 }, 4096, { width: 4096, height: 1755 }],
  ])('%o within %i → %o', (size, max, expected) => {
    expect(fitWithin(size, max)).toEqual(expected)
  })
})
