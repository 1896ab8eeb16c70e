import type { Rect, Size } from './rect'

/** Frames for new images are at most this long on their long side, in points. */
export const MAX_FRAME_SIDE = 1600

/**
 * The frame size for an image, in points: its pixel size divided by a whole factor so the long side is at most
 * `maxSide`. A 1K image keeps its size; a 2K one (2720×1536) becomes 1360×768, shown at 2x like a retina asset,
 * rather than a 2720-point frame that dwarfs the layout.
 */
export function frameSizeForImage(image: Size, maxSide = MAX_FRAME_SIDE): Size {
  const factor = Math.max(1, Math.ceil(Math.max(image.width, image.height) / maxSide - 1e-9))
  return { width: Math.round(image.width / factor), height: Math.round(image.height / factor) }
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y
}

/**
 * Where a row of new frames of `size` goes when nothing anchors it: centred on `center` (the viewport's) if that
 * overlaps nothing, else the free spot nearest to it, `gap` clear of every obstacle: beside, above or below one
 * of them, so it lands in view without covering the designer's work.
 */
export function freeSpotNear(center: { x: number; y: number }, size: Size, obstacles: readonly Rect[], gap = 80): Rect {
  const at = (x: number, y: number): Rect => ({ x: Math.round(x), y: Math.round(y), ...size })
  const centred = at(center.x - size.width / 2, center.y - size.height / 2)
  const padded = obstacles.map((r): Rect => ({ x: r.x - gap, y: r.y - gap, width: r.width + 2 * gap, height: r.height + 2 * gap }))
  const free = (spot: Rect) => !padded.some((o) => intersects(spot, o))
  if (free(centred)) return centred
  const candidates: Rect[] = []
  for (const o of obstacles) {
    const right = o.x + o.width + gap
    const left = o.x - gap - size.width
    const below = o.y + o.height + gap
    const above = o.y - gap - size.height
    candidates.push(at(right, centred.y), at(left, centred.y), at(centred.x, below), at(centred.x, above))
    candidates.push(at(right, o.y), at(left, o.y), at(o.x, below), at(o.x, above))
  }
  const distance = (r: Rect) => Math.hypot(r.x + r.width / 2 - center.x, r.y + r.height / 2 - center.y)
  const best = candidates.filter(free).sort((a, b) => distance(a) - distance(b))[0]
  if (best) return best
  // Nothing free next to any obstacle (they tile the plane around the view): beside all of them.
  const right = Math.max(...obstacles.map((o) => o.x + o.width)) + gap
  return at(right, centred.y)
}
