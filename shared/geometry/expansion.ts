import type { Expansion } from '../api/schemas'
import { LIMITS } from '../api/limits'
import type { Rect, Size } from './rect'

/**
 * Kling's Extend Image ratios that grow `image` until it covers `frame` (both in the same coordinates).
 * Top/bottom are multiples of the image height, left/right of its width. Sides where the image already
 * reaches past the frame get 0; FILL then crops the overhang.
 */
export function expansionToCover(image: Rect, frame: Rect): Expansion {
  const side = (gap: number, along: number) => Math.max(0, gap) / along
  return {
    top: side(image.y - frame.y, image.height),
    bottom: side(frame.y + frame.height - (image.y + image.height), image.height),
    left: side(image.x - frame.x, image.width),
    right: side(frame.x + frame.width - (image.x + image.width), image.width),
  }
}

/** Area of the expanded image as a multiple of the original's. */
export function expansionArea(e: Expansion): number {
  return (1 + e.top + e.bottom) * (1 + e.left + e.right)
}

/** Whether one Extend Image call accepts `e`: every side within 0..2 and at most 3x the area. */
export function withinExpansionLimits(e: Expansion): boolean {
  const sides = [e.top, e.bottom, e.left, e.right]
  return sides.every((s) => s >= 0 && s <= LIMITS.expansion_ratio_max) && expansionArea(e) <= LIMITS.expansion_area_max + 1e-9
}

export interface ExpansionStep {
  expansion: Expansion
  input: Size
  output: Size
}

export type ExpansionPlan =
  | { ok: true; steps: ExpansionStep[]; output: Size }
  | { ok: false; reason: string }

/** Precision of the ratios we send; Kling's own sample uses four decimals. */
const round4 = (v: number) => Math.round(v * 1e4) / 1e4

/**
 * Splits an expansion that one call cannot do (a side over 2, or more than 3x the area) into a chain of calls
 * that each stay within the limits. Every step grows both axes by the same factor (a geometric split), which
 * keeps the number of calls minimal, and keeps each axis's growth shared between its two sides in the original
 * proportion, so the first image ends up exactly where `e` puts it.
 */
export function planExpansion(image: Size, e: Expansion, maxSteps = 6): ExpansionPlan {
  const fx = 1 + e.left + e.right
  const fy = 1 + e.top + e.bottom
  if (fx === 1 && fy === 1) return { ok: false, reason: 'The image already covers its frame.' }
  const leftShare = e.left + e.right > 0 ? e.left / (e.left + e.right) : 0
  const topShare = e.top + e.bottom > 0 ? e.top / (e.top + e.bottom) : 0

  for (let k = 1; k <= maxSteps; k++) {
    const gx = Math.pow(fx, 1 / k)
    const gy = Math.pow(fy, 1 / k)
    const step: Expansion = {
      top: round4((gy - 1) * topShare),
      bottom: round4((gy - 1) * (1 - topShare)),
      left: round4((gx - 1) * leftShare),
      right: round4((gx - 1) * (1 - leftShare)),
    }
    if (!withinExpansionLimits(step)) continue
    const steps: ExpansionStep[] = []
    let input: Size = image
    for (let i = 0; i < k; i++) {
      const aspect = input.width / input.height
      if (aspect < LIMITS.image_aspect_min || aspect > LIMITS.image_aspect_max) {
        return {
          ok: false,
          reason: `Step ${i + 1} would need an intermediate image of ratio ${aspect.toFixed(2)}, outside Kling's 0.4 to 2.5.`,
        }
      }
      const output: Size = {
        width: Math.round(input.width * (1 + step.left + step.right)),
        height: Math.round(input.height * (1 + step.top + step.bottom)),
      }
      steps.push({ expansion: step, input, output })
      input = output
    }
    return { ok: true, steps, output: input }
  }
  return { ok: false, reason: `The frame is too large for the image: it would take more than ${maxSteps} expansions.` }
}
