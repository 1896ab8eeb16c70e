// Main thread: the exportAsync constraint that gives a node the pixel size Kling wants.
import { exportScale, REFERENCE_EXPORT_LIMITS, type ExportLimits } from '../../shared/geometry/export-scale'
import type { Size } from '../../shared/geometry/rect'

/**
 * `exportScale` as an exportAsync constraint. A side that the scale pins to a limit is asked for in whole pixels
 * (long side floored to `maxSide`, short side raised to `minSide`), so float rounding can never land one pixel
 * past a limit.
 */
export function exportConstraint(size: Size, limits: ExportLimits = REFERENCE_EXPORT_LIMITS): ExportSettingsConstraints {
  const scale = exportScale(size, limits)
  const wide = size.width >= size.height
  const long = wide ? size.width : size.height
  const short = wide ? size.height : size.width
  if (Math.abs(long * scale - limits.maxSide) < 1e-6) return { type: wide ? 'WIDTH' : 'HEIGHT', value: limits.maxSide }
  if (scale === 1) return { type: 'SCALE', value: 1 }
  return { type: wide ? 'HEIGHT' : 'WIDTH', value: Math.ceil(short * scale - 1e-6) }
}
