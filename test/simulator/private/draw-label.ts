import { drawText, LINE_ADVANCE, shadeRect, textWidthCells, type PixelClip } from './bitmap-font'
import type { Raster } from './raster'

export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/**
 * Draws centred lines of big white text on a darkened panel inside `box`, as large as fits in about 70 % of its
 * width and height. Each line may have its own relative size (1 = largest). Does nothing when even scale 1 does
 * not fit.
 */
export function drawLabel(raster: Raster, lines: readonly { text: string; size: number }[], box: Box, clip?: PixelClip): void {
  const widestCells = Math.max(...lines.map((line) => textWidthCells(line.text) * line.size))
  const tallCells = lines.reduce((sum, line) => sum + LINE_ADVANCE * line.size, 0) - 2 * lines[lines.length - 1].size
  const unit = Math.floor(Math.min((box.width * 0.7) / widestCells, (box.height * 0.7) / tallCells))
  if (unit < 1) return
  const padding = 2 * unit
  const blockWidth = widestCells * unit
  const blockHeight = tallCells * unit
  const top = box.y + Math.floor((box.height - blockHeight) / 2)
  const left = box.x + Math.floor((box.width - blockWidth) / 2)
  shadeRect(raster, left - padding, top - padding, blockWidth + 2 * padding, blockHeight + 2 * padding, 0.45, clip)
  let y = top
  for (const line of lines) {
    const scale = Math.max(1, Math.round(unit * line.size))
    const x = box.x + Math.floor((box.width - textWidthCells(line.text) * scale) / 2)
    drawText(raster, line.text, x, y, scale, [255, 255, 255], clip)
    y += LINE_ADVANCE * scale
  }
}
