import type { Size } from './rect'

export interface ExportLimits {
  /** Kling refuses images with a side under 300 px. */
  minSide: number
  /** Larger exports cost upload time without helping the model. */
  maxSide: number
}

export const REFERENCE_EXPORT_LIMITS: ExportLimits = { minSide: 300, maxSide: 2048 }

/** Nodes are exported at up to this many pixels per point, as Figma exports @2x: a layout is drawn for retina. */
export const MAX_EXPORT_DENSITY = 2

/**
 * The export scale for a node used as a reference image: up to 2x (more detail for the model), the long side at
 * most `maxSide`, and the short side at least `minSide` where that is possible without breaking the cap.
 */
export function exportScale(size: Size, limits: ExportLimits = REFERENCE_EXPORT_LIMITS): number {
  const long = Math.max(size.width, size.height)
  const short = Math.min(size.width, size.height)
  const down = limits.maxSide / long
  const up = limits.minSide / short
  const preferred = Math.min(MAX_EXPORT_DENSITY, down)
  if (short * preferred >= limits.minSide) return preferred
  return Math.min(up, down)
}
