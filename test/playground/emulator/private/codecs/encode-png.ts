/** Encodes an RGB raster as an 8-bit truecolour PNG (fast-png). */
import { encode } from 'fast-png'
import type { Raster } from './raster'

export function encodePng(raster: Raster): Uint8Array {
  return encode({ width: raster.width, height: raster.height, data: raster.data, depth: 8, channels: 3 })
}
