/**
 * The page's exportAsync renderer: draws a node and its descendants on a canvas (solid, gradient and image fills
 * with FILL/FIT/CROP/TILE, corner radii, ellipses, opacity, clipping) and encodes it with canvas.toBlob.
 */
import type { FigmaEmulator } from '../emulator'
import { cropMatrix, fillPlacement, fitPlacement } from './image-paint-geometry'

type GetImage = FigmaEmulator['getImage']

export function createCanvasRenderer(getImage: () => GetImage) {
  const bitmaps = new Map<string, Promise<ImageBitmap>>()
  const bitmap = (hash: string): Promise<ImageBitmap> | null => {
    const image = getImage()(hash)
    if (!image) return null
    let pending = bitmaps.get(hash)
    if (!pending) {
      pending = createImageBitmap(new Blob([image.bytes as BlobPart]))
      bitmaps.set(hash, pending)
    }
    return pending
  }

  return async function render(node: SceneNode, size: { width: number; height: number }, format: 'PNG' | 'JPG'): Promise<Uint8Array> {
    const canvas = document.createElement('canvas')
    canvas.width = size.width
    canvas.height = size.height
    const ctx = canvas.getContext('2d')!
    if (format === 'JPG') {
      // JPEG has no alpha: Figma puts transparent areas on white.
      ctx.fillStyle = '#ffffff'
      ctx.fillRect(0, 0, size.width, size.height)
    }
    ctx.scale(size.width / node.width, size.height / node.height)
    await drawNode(ctx, node, 0, 0, bitmap)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, format === 'JPG' ? 'image/jpeg' : 'image/png', 0.92))
    if (!blob) throw new Error('exportAsync: the canvas could not be encoded')
    return new Uint8Array(await blob.arrayBuffer())
  }
}

async function drawNode(
  ctx: CanvasRenderingContext2D,
  node: SceneNode,
  x: number,
  y: number,
  bitmap: (hash: string) => Promise<ImageBitmap> | null,
): Promise<void> {
  if (!node.visible) return
  const { width: w, height: h } = node
  ctx.save()
  ctx.translate(x, y)
  ctx.globalAlpha *= 'opacity' in node ? node.opacity : 1
  const shape = new Path2D()
  if (node.type === 'ELLIPSE') shape.ellipse(w / 2, h / 2, w / 2, h / 2, 0, 0, Math.PI * 2)
  else shape.roundRect(0, 0, w, h, 'cornerRadius' in node && typeof node.cornerRadius === 'number' ? node.cornerRadius : 0)

  const fills = 'fills' in node && Array.isArray(node.fills) ? (node.fills as readonly Paint[]) : []
  for (const paint of fills) {
    if (paint.visible === false) continue
    ctx.save()
    ctx.globalAlpha *= paint.opacity ?? 1
    ctx.clip(shape)
    if (paint.type === 'SOLID') {
      ctx.fillStyle = rgb(paint.color)
      ctx.fill(shape)
    } else if (paint.type === 'GRADIENT_LINEAR' || paint.type === 'GRADIENT_RADIAL' || paint.type === 'GRADIENT_ANGULAR' || paint.type === 'GRADIENT_DIAMOND') {
      const gradient = ctx.createLinearGradient(0, 0, w, 0)
      for (const stop of paint.gradientStops) gradient.addColorStop(stop.position, rgb(stop.color, stop.color.a))
      ctx.fillStyle = gradient
      ctx.fill(shape)
    } else if (paint.type === 'IMAGE' && paint.imageHash) {
      const pending = bitmap(paint.imageHash)
      if (pending) drawImagePaint(ctx, paint, await pending, w, h)
    }
    ctx.restore()
  }
  if ('children' in node) {
    if ('clipsContent' in node && node.clipsContent) ctx.clip(shape)
    for (const child of node.children) await drawNode(ctx, child, child.x, child.y, bitmap)
  }
  ctx.restore()
}

function drawImagePaint(ctx: CanvasRenderingContext2D, paint: ImagePaint, image: ImageBitmap, w: number, h: number): void {
  const iw = image.width
  const ih = image.height
  if (paint.scaleMode === 'FILL' || paint.scaleMode === 'FIT') {
    const at = (paint.scaleMode === 'FILL' ? fillPlacement : fitPlacement)(iw, ih, w, h)
    ctx.drawImage(image, at.x, at.y, at.width, at.height)
  } else if (paint.scaleMode === 'CROP') {
    ctx.transform(...cropMatrix(paint.imageTransform ?? [[1, 0, 0], [0, 1, 0]], iw, ih, w, h))
    ctx.drawImage(image, 0, 0)
  } else {
    const pattern = ctx.createPattern(image, 'repeat')
    if (!pattern) return
    const scale = paint.scalingFactor ?? 0.5
    pattern.setTransform(new DOMMatrix().scale(scale))
    ctx.fillStyle = pattern
    ctx.fillRect(0, 0, w, h)
  }
}

function rgb({ r, g, b }: RGB, alpha = 1): string {
  return `rgba(${Math.round(r * 255)}, ${Math.round(g * 255)}, ${Math.round(b * 255)}, ${alpha})`
}
