/// <reference types="@figma/plugin-typings/plugin-api" />
/**
 * The exportAsync renderer used when none is given (Node tests): real PNG or JPEG bytes of the requested pixel
 * size, filled with the node's first visible solid fill, or Figma's shape grey (#D9D9D9) when it has none.
 */
import { encodePng } from './codecs/encode-png'
import { encodeJpeg } from './codecs/encode-jpeg'
import { createRaster, type Rgb } from './codecs/raster'

const GREY: Rgb = [217, 217, 217]

export async function defaultRender(node: SceneNode, size: { width: number; height: number }, format: 'PNG' | 'JPG'): Promise<Uint8Array> {
  const fills = 'fills' in node && Array.isArray(node.fills) ? (node.fills as readonly Paint[]) : []
  const solid = fills.find((p): p is SolidPaint => p.type === 'SOLID' && p.visible !== false)
  const color: Rgb = solid ? [to255(solid.color.r), to255(solid.color.g), to255(solid.color.b)] : GREY
  const raster = createRaster(size.width, size.height, color)
  return format === 'JPG' ? encodeJpeg(raster) : encodePng(raster)
}

function to255(channel: number): number {
  return Math.round(Math.min(1, Math.max(0, channel)) * 255)
}
