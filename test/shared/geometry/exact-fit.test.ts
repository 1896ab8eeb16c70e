import { describe, expect, it } from 'vitest'
import { ASPECT_RATIOS } from '../../../shared/api/enums'
import { LIMITS } from '../../../shared/api/limits'
import { checkExpandPass, EXACT_FIT_TOLERANCE, exactFitText, planExactFit, ratioText } from '../../../shared/geometry/exact-fit'
import { expansionArea } from '../../../shared/geometry/expansion'

describe('planExactFit', () => {
  it('1.85:1 (740x400): 16:9, then +4% width by expand, to within 0.5% of the frame', () => {
    const fit = planExactFit({ width: 740, height: 400 }, ASPECT_RATIOS)
    expect(fit.kind).toBe('expand')
    if (fit.kind !== 'expand') return
    expect(fit.ratio).toBe('16:9')
    expect(fit.side).toBe('width')
    expect(fit.input).toEqual({ width: 1360, height: 768 })
    expect(fit.expansion.left).toBe(fit.expansion.right)
    expect(fit.expansion.top + fit.expansion.bottom).toBe(0)
    expect(Math.round(fit.growth * 100)).toBe(4)
    expect(Math.abs(fit.output.width / fit.output.height / 1.85 - 1)).toBeLessThan(EXACT_FIT_TOLERANCE)
    expect(exactFitText(fit, { width: 740, height: 400 })).toBe('16:9 → 1.85:1, +4% width by expand')
  })

  it('375x812 (a phone): 9:16, then taller by expand, within Kling\'s limits', () => {
    const fit = planExactFit({ width: 375, height: 812 }, ASPECT_RATIOS)
    expect(fit).toMatchObject({ kind: 'expand', ratio: '9:16', side: 'height' })
    if (fit.kind !== 'expand') return
    expect(fit.expansion.left + fit.expansion.right).toBe(0)
    expect(Math.abs(fit.output.width / fit.output.height / (375 / 812) - 1)).toBeLessThan(EXACT_FIT_TOLERANCE)
    expect(checkExpandPass(fit.expansion, fit.input, fit.output)).toBeNull()
    expect(exactFitText(fit, { width: 375, height: 812 })).toBe('9:16 → 1:2.17, +22% height by expand')
  })

  it('does nothing more for a frame that already has a Kling ratio', () => {
    expect(planExactFit({ width: 1600, height: 900 }, ASPECT_RATIOS)).toMatchObject({ kind: 'exact', ratio: '16:9' })
    expect(exactFitText(planExactFit({ width: 1000, height: 1000 }, ASPECT_RATIOS), { width: 1000, height: 1000 })).toBe('1:1 · no crop')
  })

  it('crops, saying why, a frame beyond what Kling can make', () => {
    const fit = planExactFit({ width: 3000, height: 600 }, ASPECT_RATIOS)
    expect(fit).toMatchObject({ kind: 'crop', ratio: '21:9', reason: expect.stringMatching(/2\.5:1/) })
  })

  it('stays within Kling\'s expand limits and under 0.5% crop for every frame ratio it accepts, at 1K and 2K', () => {
    for (let r = 0.41; r <= 2.49; r += 0.01) {
      for (const resolution of ['1k', '2k'] as const) {
        const frame = { width: 1000 * r, height: 1000 }
        const fit = planExactFit(frame, ASPECT_RATIOS, resolution)
        expect(fit.kind, `ratio ${r.toFixed(2)}`).not.toBe('crop')
        if (fit.kind !== 'expand') continue
        const sides = [fit.expansion.top, fit.expansion.bottom, fit.expansion.left, fit.expansion.right]
        expect(sides.every((s) => s >= 0 && s <= LIMITS.expansion_ratio_max)).toBe(true)
        expect(expansionArea(fit.expansion)).toBeLessThanOrEqual(LIMITS.expansion_area_max)
        expect(Math.min(fit.output.width, fit.output.height)).toBeGreaterThanOrEqual(LIMITS.image_min_side)
        expect(fit.crop, `ratio ${r.toFixed(2)} at ${resolution}`).toBeLessThan(EXACT_FIT_TOLERANCE)
      }
    }
  })

  it('only uses the ratios the model offers', () => {
    expect(planExactFit({ width: 740, height: 400 }, ['1:1'])).toMatchObject({ kind: 'expand', ratio: '1:1', side: 'width' })
  })
})

describe('ratioText', () => {
  it.each([
    [{ width: 740, height: 400 }, '1.85:1'],
    [{ width: 1440, height: 600 }, '2.4:1'],
    [{ width: 375, height: 812 }, '1:2.17'],
    [{ width: 500, height: 500 }, '1:1'],
  ])('%o → %s', (size, text) => expect(ratioText(size)).toBe(text))
})
