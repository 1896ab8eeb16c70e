import { ASPECT_RATIOS, type AspectRatio } from '../api/enums'

/** Width divided by height of a Kling aspect ratio such as `16:9`. */
export function ratioValue(ratio: AspectRatio): number {
  const [w, h] = ratio.split(':').map(Number)
  return w / h
}

export interface NearestRatio {
  ratio: AspectRatio
  /** Fraction (0..1) of the image's area that a FILL into the box hides. */
  crop: number
}

/**
 * The supported ratio closest to a box, compared in log space so that 2:1 and 1:2 are equally far from 1:1.
 * Ties go to the earlier entry of `allowed`.
 */
export function nearestAspectRatio(
  width: number,
  height: number,
  allowed: readonly AspectRatio[] = ASPECT_RATIOS,
): NearestRatio {
  if (!(width > 0 && height > 0)) throw new RangeError(`box must have a positive size, got ${width}x${height}`)
  if (allowed.length === 0) throw new RangeError('no aspect ratios to choose from')
  const target = Math.log(width / height)
  let best = allowed[0]
  let bestDistance = Infinity
  for (const ratio of allowed) {
    const distance = Math.abs(Math.log(ratioValue(ratio)) - target)
    if (distance < bestDistance - 1e-12) {
      best = ratio
      bestDistance = distance
    }
  }
  return { ratio: best, crop: coverCropFraction(ratioValue(best), width / height) }
}

/** Fraction of an image of ratio `imageRatio` hidden when it covers a box of ratio `boxRatio`. */
export function coverCropFraction(imageRatio: number, boxRatio: number): number {
  return 1 - Math.min(imageRatio, boxRatio) / Math.max(imageRatio, boxRatio)
}
