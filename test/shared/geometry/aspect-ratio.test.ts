import { describe, expect, it } from 'vitest'
import { coverCropFraction, nearestAspectRatio, ratioValue } from '../../../shared/geometry/aspect-ratio'

describe('nearestAspectRatio', () => {
  it.each([
    [1920, 1080, '16:9'],
    [1080, 1920, '9:16'],
    [1000, 1000, '1:1'],
    [1200, 900, '4:3'],
    [900, 1200, '3:4'],
    [1500, 1000, '3:2'],
    [1000, 1500, '2:3'],
    [2560, 1080, '21:9'],
    [5000, 1000, '21:9'], // wider than anything: the widest ratio
    [1000, 5000, '9:16'],
    [1100, 1000, '1:1'],
  ] as const)('%i x %i → %s', (w, h, ratio) => {
    expect(nearestAspectRatio(w, h).ratio).toBe(ratio)
  })

  it('compares in log space: a square is as far from 16:9 as from 9:16, and ties go to the first listed', () => {
    expect(nearestAspectRatio(1, 1, ['16:9', '9:16']).ratio).toBe('16:9')
    expect(nearestAspectRatio(1, 1, ['9:16', '16:9']).ratio).toBe('9:16')
  })

  it('reports how much of the image a FILL crops', () => {
    expect(nearestAspectRatio(1360, 768).crop).toBeCloseTo(0, 2)
    const { ratio, crop } = nearestAspectRatio(2000, 1000)
    expect(ratio).toBe('16:9')
    expect(crop).toBeCloseTo(1 - 16 / 9 / 2, 6)
  })

  it('respects the ratios a model offers', () => {
    expect(nearestAspectRatio(2560, 1080, ['1:1', '16:9', '9:16']).ratio).toBe('16:9')
  })

  it('rejects an empty box', () => {
    expect(() => nearestAspectRatio(0, 100)).toThrow(RangeError)
  })

  it('knows each ratio value', () => {
    expect(ratioValue('21:9')).toBeCloseTo(21 / 9)
    expect(coverCropFraction(1, 1)).toBe(0)
  })
})
