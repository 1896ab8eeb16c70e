/**
 * Where an image paint's pixels land inside a node of size w×h, for each Figma scale mode. Shared by the canvas
 * renderer (exportAsync) and the DOM view. Units: node pixels; image sizes in image pixels.
 */
export interface Placement {
  x: number
  y: number
  width: number
  height: number
}

/** FILL: cover the node, centred, cropping the overflow. */
export function fillPlacement(iw: number, ih: number, w: number, h: number): Placement {
  const scale = Math.max(w / iw, h / ih)
  return centred(iw * scale, ih * scale, w, h)
}

/** FIT: the whole image inside the node, centred (letterboxed). */
export function fitPlacement(iw: number, ih: number, w: number, h: number): Placement {
  const scale = Math.min(w / iw, h / ih)
  return centred(iw * scale, ih * scale, w, h)
}

function centred(width: number, height: number, w: number, h: number): Placement {
  return { x: (w - width) / 2, y: (h - height) / 2, width, height }
}

/**
 * CROP: Figma's `imageTransform` maps the node's unit square to the part of the (unit) image it shows, so the
 * image-pixel → node-pixel matrix is scale(w, h) · imageTransform⁻¹ · scale(1/iw, 1/ih). Returned in canvas
 * `setTransform(a, b, c, d, e, f)` order.
 */
export function cropMatrix(transform: Transform, iw: number, ih: number, w: number, h: number): [number, number, number, number, number, number] {
  const [[a, b, tx], [c, d, ty]] = transform
  const det = a * d - b * c || 1
  // inverse of [[a, b, tx], [c, d, ty]]
  const ia = d / det
  const ib = -b / det
  const ic = -c / det
  const id = a / det
  const itx = (b * ty - d * tx) / det
  const ity = (c * tx - a * ty) / det
  // node_x = w * (ia * u + ib * v + itx), u = px / iw, v = py / ih (likewise for y)
  return [(w * ia) / iw, (h * ic) / iw, (w * ib) / ih, (h * id) / ih, w * itx, h * ity]
}
