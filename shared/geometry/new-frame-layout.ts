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
 * Where a row of new frames of `size` goes when nothing anchors it: centred on `center` (the viewport's), then
 * moved right past whatever it would cover, `gap` clear of it, so it lands in view and overlaps nothing.
 */
export function freeSpotNear(center: { x: number; y: number }, size: Size, obstacles: readonly Rect[], gap = 80): Rect {
  const spot: Rect = { x: Math.round(center.x - size.width / 2), y: Math.round(center.y - size.height / 2), ...size }
  const padded = (r: Rect): Rect => ({ x: r.x - gap, y: r.y - gap, width: r.width + 2 * gap, height: r.height + 2 * gap })
  for (let i = 0; i <= obstacles.length; i++) {
    const hit = obstacles.find((o) => intersects(spot, padded(o)))
    if (!hit) return spot
    spot.x = Math.round(hit.x + hit.width + gap)
  }
  return spot
}
