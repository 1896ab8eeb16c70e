import type { AspectRatio, Resolution } from '../api/enums'
import { LIMITS } from '../api/limits'
import type { Expansion } from '../api/schemas'
import { klingPixelSize } from '../kling/pixel-sizes'
import { coverCropFraction, nearestAspectRatio } from './aspect-ratio'
import { expansionArea, withinExpansionLimits } from './expansion'
import type { Size } from './rect'

/** "Exactly": what FILL still crops after the expand is under half a percent of the image. */
export const EXACT_FIT_TOLERANCE = 0.005

/**
 * How an image gets a frame's exact ratio, which Kling's eight ratios rarely have:
 * - `exact`: the nearest ratio is already within the tolerance, nothing more to do;
 * - `expand`: generate at the nearest ratio, then one Extend Image pass grows the thin sides (both equally) to
 *   the frame's ratio: one more image;
 * - `crop`: the frame is beyond what Kling can make (its images are 1:2.5 to 2.5:1), so FILL crops as before.
 */
export type ExactFit =
  | { kind: 'exact'; ratio: AspectRatio; crop: number }
  | {
      kind: 'expand'
      ratio: AspectRatio
      /** The Extend Image request: left/right (or top/bottom) equal, the other two 0. */
      expansion: Expansion
      /** Which side grows, and by what fraction of it (0.04 = +4%). */
      side: 'width' | 'height'
      growth: number
      /** The generated image's pixel size, and the expanded one's. */
      input: Size
      output: Size
      /** What FILL still crops of the expanded image in the frame (under the tolerance). */
      crop: number
    }
  | { kind: 'crop'; ratio: AspectRatio; crop: number; reason: string }

/** Kling's sample request uses four decimals. */
const round4 = (v: number) => Math.round(v * 1e4) / 1e4

/**
 * The exact-fit plan for a frame, for images generated at `resolution` (their pixel sizes decide the expand:
 * a 16:9 image is 1360×768, not exactly 16:9). The expand pass is checked against Kling's limits: each ratio
 * 0 to 2, at most 3× the area, and input and output within Kling's image limits (sides ≥ 300 px, 1:2.5 to 2.5:1).
 */
export function planExactFit(frame: Size, allowed: readonly AspectRatio[], resolution: Resolution = '1k'): ExactFit {
  const target = frame.width / frame.height
  const { ratio, crop } = nearestAspectRatio(frame.width, frame.height, allowed)
  if (crop < EXACT_FIT_TOLERANCE) return { kind: 'exact', ratio, crop }
  if (target < LIMITS.image_aspect_min || target > LIMITS.image_aspect_max) {
    return { kind: 'crop', ratio, crop, reason: "Kling's images go from 1:2.5 to 2.5:1" }
  }
  const input = klingPixelSize(ratio, resolution)
  const inputRatio = input.width / input.height
  const side = target > inputRatio ? 'width' : 'height'
  const factor = side === 'width' ? target / inputRatio : inputRatio / target
  const each = round4((factor - 1) / 2)
  const expansion: Expansion = side === 'width' ? { top: 0, bottom: 0, left: each, right: each } : { top: each, bottom: each, left: 0, right: 0 }
  const output: Size = {
    width: Math.round(input.width * (1 + expansion.left + expansion.right)),
    height: Math.round(input.height * (1 + expansion.top + expansion.bottom)),
  }
  const check = checkExpandPass(expansion, input, output)
  if (check) return { kind: 'crop', ratio, crop, reason: check }
  return {
    kind: 'expand',
    ratio,
    expansion,
    side,
    growth: 2 * each,
    input,
    output,
    crop: coverCropFraction(output.width / output.height, target),
  }
}

/** Why Kling would refuse this Extend Image pass, or null when it is within every limit. */
export function checkExpandPass(expansion: Expansion, input: Size, output: Size): string | null {
  if (!withinExpansionLimits(expansion)) {
    return `the expand would need ratios over ${LIMITS.expansion_ratio_max} or ${expansionArea(expansion).toFixed(2)}× the area (at most ${LIMITS.expansion_area_max}×)`
  }
  for (const [what, size] of [['input', input], ['result', output]] as const) {
    const aspect = size.width / size.height
    if (Math.min(size.width, size.height) < LIMITS.image_min_side) return `the ${what} would be under ${LIMITS.image_min_side} px on a side`
    if (aspect < LIMITS.image_aspect_min || aspect > LIMITS.image_aspect_max) return `the ${what} would be outside Kling's 1:2.5 to 2.5:1`
  }
  return null
}

/** A frame's own ratio as people write it: "1.85:1", "1:2.17", "16:9" stays for the generated one. */
export function ratioText(size: Size): string {
  const r = size.width / size.height
  const fixed = (v: number) => v.toFixed(2).replace(/\.?0+$/, '')
  return r >= 1 ? `${fixed(r)}:1` : `1:${fixed(1 / r)}`
}

/** The per-frame line: "16:9 → 1.85:1, +4% width by expand", "16:9 · no crop", "21:9 · 53% cropped (…)". */
export function exactFitText(fit: ExactFit, frame: Size): string {
  if (fit.kind === 'exact') return `${fit.ratio} · no crop`
  if (fit.kind === 'crop') return `${fit.ratio} · ${Math.round(fit.crop * 100)}% cropped (${fit.reason})`
  const percent = Math.max(1, Math.round(fit.growth * 100))
  return `${fit.ratio} → ${ratioText(frame)}, +${percent}% ${fit.side} by expand`
}
