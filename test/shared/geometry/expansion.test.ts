import { describe, expect, it } from 'vitest'
import {
  expansionArea,
  expansionToCover,
  planExpansion,
  withinExpansionLimits,
} from '../../../shared/geometry/expansion'

describe('expansionToCover', () => {
  it('gives per-side ratios of the image height (top/bottom) and width (left/right)', () => {
    // A centred 800x600 image in a 1600x900 frame.
    const e = expansionToCover({ x: 400, y: 150, width: 800, height: 600 }, { x: 0, y: 0, width: 1600, height: 900 })
    expect(e).toEqual({ top: 0.25, bottom: 0.25, left: 0.5, right: 0.5 })
    expect(expansionArea(e)).toBeCloseTo(3)
  })

  it('gives 0 on sides where the image already overhangs the frame', () => {
    const e = expansionToCover({ x: -100, y: 0, width: 500, height: 400 }, { x: 0, y: 0, width: 600, height: 500 })
    expect(e).toEqual({ top: 0, bottom: 0.25, left: 0, right: 0.4 })
  })
})

describe('withinExpansionLimits', () => {
  it.each([
    [{ top: 0.1495, bottom: 0.1495, left: 0.6547, right: 0.6547 }, true], // Kling's own sample
    [{ top: 0, bottom: 0, left: 2, right: 0 }, true],
    [{ top: 0, bottom: 0, left: 2.01, right: 0 }, false],
    [{ top: 0.5, bottom: 0.5, left: 0.5, right: 0.5 }, false], // 4x the area
  ])('%o → %s', (e, ok) => {
    expect(withinExpansionLimits(e)).toBe(ok)
  })
})

describe('planExpansion', () => {
  it('uses one call when the limits allow it', () => {
    const plan = planExpansion({ width: 800, height: 600 }, { top: 0.25, bottom: 0.25, left: 0.5, right: 0.5 })
    expect(plan.ok && plan.steps.length).toBe(1)
    expect(plan.ok && plan.output).toEqual({ width: 1600, height: 900 })
  })

  it('chains calls that each stay within the limits and land on the frame size', () => {
    // 400x300 in a 1600x900 frame: 4x wider and 3x taller, 12x the area.
    const e = expansionToCover({ x: 600, y: 300, width: 400, height: 300 }, { x: 0, y: 0, width: 1600, height: 900 })
    const plan = planExpansion({ width: 400, height: 300 }, e)
    if (!plan.ok) throw new Error(plan.reason)
    expect(plan.steps.length).toBe(3)
    for (const step of plan.steps) expect(withinExpansionLimits(step.expansion)).toBe(true)
    expect(plan.output.width).toBeGreaterThanOrEqual(1598)
    expect(plan.output.width).toBeLessThanOrEqual(1602)
    expect(plan.output.height).toBeGreaterThanOrEqual(898)
    expect(plan.output.height).toBeLessThanOrEqual(902)
    // Each step's input is the previous step's output.
    for (let i = 1; i < plan.steps.length; i++) expect(plan.steps[i].input).toEqual(plan.steps[i - 1].output)
  })

  it('keeps the original where the expansion puts it (one-sided growth stays one-sided)', () => {
    const plan = planExpansion({ width: 500, height: 500 }, { top: 0, bottom: 0, left: 3, right: 0 })
    if (!plan.ok) throw new Error(plan.reason)
    for (const step of plan.steps) expect(step.expansion.right).toBe(0)
    expect(plan.output).toEqual({ width: 2000, height: 500 })
  })

  it('says why when Kling cannot take an intermediate image', () => {
    const plan = planExpansion({ width: 1000, height: 1000 }, { top: 0, bottom: 0, left: 4, right: 4 })
    expect(plan.ok).toBe(false)
    if (!plan.ok) expect(plan.reason).toMatch(/ratio/)
  })

  it('refuses an expansion that does nothing', () => {
    expect(planExpansion({ width: 500, height: 500 }, { top: 0, bottom: 0, left: 0, right: 0 }).ok).toBe(false)
  })
})
