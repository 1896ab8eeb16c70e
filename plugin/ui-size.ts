// Main thread: the panel's size, which the designer can change and which is kept for the next launch.
import type { Size } from '../shared/geometry/rect'

export const UI_SIZE_KEY = 'ui-size/v1'
export const DEFAULT_UI_SIZE: Size = { width: 360, height: 640 }
/** Narrower than this the tabs wrap; wider or taller than this is not a side panel any more. */
export const UI_SIZE_LIMITS = { minWidth: 320, minHeight: 420, maxWidth: 900, maxHeight: 1400 }

/** A size within the limits, in whole pixels; null for anything that is not a size. */
export function clampUiSize(value: unknown): Size | null {
  if (typeof value !== 'object' || value === null) return null
  const { width, height } = value as Record<string, unknown>
  if (typeof width !== 'number' || typeof height !== 'number' || !Number.isFinite(width) || !Number.isFinite(height)) return null
  return {
    width: Math.round(Math.min(UI_SIZE_LIMITS.maxWidth, Math.max(UI_SIZE_LIMITS.minWidth, width))),
    height: Math.round(Math.min(UI_SIZE_LIMITS.maxHeight, Math.max(UI_SIZE_LIMITS.minHeight, height))),
  }
}

/** The size the panel had when it was last resized, or the default. */
export async function loadUiSizeAsync(): Promise<Size> {
  return clampUiSize(await figma.clientStorage.getAsync(UI_SIZE_KEY).catch(() => null)) ?? DEFAULT_UI_SIZE
}

/** Resizes the panel (figma.ui.resize) and keeps the size for next time; returns the size applied. */
export async function resizeUiAsync(requested: unknown): Promise<Size> {
  const size = clampUiSize(requested) ?? DEFAULT_UI_SIZE
  figma.ui.resize(size.width, size.height)
  await figma.clientStorage.setAsync(UI_SIZE_KEY, size)
  return size
}
