import { describe, expect, it } from 'vitest'
import { frameSizeForImage, freeSpotNear } from '../../../shared/geometry/new-frame-layout'

describe('frameSizeForImage', () => {
  it.each([
    [{ width: 1360, height: 768 }, { width: 1360, height: 768 }],
    [{ width: 1552, height: 656 }, { width: 1552, height: 656 }],
    [{ width: 2720, height: 1536 }, { width: 1360, height: 768 }],
    [{ width: 2048, height: 2048 }, { width: 1024, height: 1024 }],
    [{ width: 4096, height: 2304 }, { width: 1365, height: 768 }],
  ])('%o → %o', (image, frame) => {
    expect(frameSizeForImage(image)).toEqual(frame)
  })
})

describe('freeSpotNear', () => {
  const size = { width: 400, height: 200 }
  it('centres on the point when nothing is in the way', () => {
    expect(freeSpotNear({ x: 0, y: 0 }, size, [{ x: 1000, y: 1000, width: 10, height: 10 }])).toEqual({ x: -200, y: -100, ...size })
  })

  it('takes the free spot nearest to the point, clear of every obstacle', () => {
    const obstacles = [
      { x: -300, y: -300, width: 600, height: 600 },
      { x: 380, y: -300, width: 2000, height: 600 },
    ]
    const spot = freeSpotNear({ x: 0, y: 0 }, size, obstacles)
    // Below the first obstacle beats going right past the long second one.
    expect(spot).toEqual({ x: -200, y: 380, ...size })
    for (const o of obstacles) {
      const clear = spot.x >= o.x + o.width + 80 || spot.x + spot.width <= o.x - 80 || spot.y >= o.y + o.height + 80 || spot.y + spot.height <= o.y - 80
      expect(clear).toBe(true)
    }
  })
})
