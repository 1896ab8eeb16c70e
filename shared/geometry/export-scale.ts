import type { Size } from './rect'

export interface ExportLimits {
  /** Kling refuses images with a side under 300 px. */
  minSide: number
  /** Larger exports cost upload time without helping the model. */
  maxSide: number
}

export const REFERENCE_EXPORT_LIMITS: ExportLimits = { minSide: 300, maxSide: 2048 }

/**
 * The export scale for a node used as a reference image: the long side at most `maxSide`, and the short side
 * at least `minSide` where that is possible without breaking the first rule.
 */
export function exportScale(size: Size, limits: ExportLimits = REFERENCE_EXPORT_LIMITS): number {
  const long = Math.max(size.width, size.height)
  const short = Math.min(size.width, size.height)
  const down = limits.maxSide / long
  const up = limits.minSide / short
  if (short * Math.min(1, down) >= limits.minSide) return Math.min(1, down)
  return Math.min(up, down)
}
