/// <reference types="@figma/plugin-typings/plugin-api" />
/** figma.viewport: center and zoom of a fixed-size screen canvas; scrollAndZoomIntoView fits nodes like Figma. */
import { stateOf } from '../nodes/node-state'

/** The canvas area of a typical laptop Figma window, in screen pixels. */
export const SCREEN = { width: 1200, height: 760 }
const MIN_ZOOM = 0.02
const MAX_ZOOM = 256

export class ViewportModel {
  center: Vector = { x: 0, y: 0 }
  zoom = 1

  constructor(private readonly changed: () => void) {}

  get bounds(): Rect {
    const width = SCREEN.width / this.zoom
    const height = SCREEN.height / this.zoom
    return { x: this.center.x - width / 2, y: this.center.y - height / 2, width, height }
  }

  setCenter(value: Vector): void {
    if (!Number.isFinite(value?.x) || !Number.isFinite(value?.y)) throw new Error('in set_center: Expected {x, y} numbers')
    this.center = { x: value.x, y: value.y }
    this.changed()
  }

  setZoom(value: number): void {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new Error('in set_zoom: Expected a positive number')
    this.zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, value))
    this.changed()
  }

  scrollAndZoomIntoView(nodes: readonly unknown[]): void {
    if (!Array.isArray(nodes)) throw new Error('in scrollAndZoomIntoView: Expected an array of nodes')
    const boxes = nodes.map((node) => {
      const s = stateOf(node)
      if (!s) throw new Error('in scrollAndZoomIntoView: Expected an array of nodes')
      if (s.removed) throw new Error(`The node with id "${s.id}" does not exist`)
      return s.type === 'PAGE' || s.type === 'DOCUMENT' ? null : (s.self as unknown as SceneNode).absoluteBoundingBox
    })
    const rects = boxes.filter((b): b is Rect => b !== null)
    if (rects.length === 0) return
    const left = Math.min(...rects.map((r) => r.x))
    const top = Math.min(...rects.map((r) => r.y))
    const right = Math.max(...rects.map((r) => r.x + r.width))
    const bottom = Math.max(...rects.map((r) => r.y + r.height))
    this.center = { x: (left + right) / 2, y: (top + bottom) / 2 }
    const fit = Math.min(SCREEN.width / Math.max(1, right - left), SCREEN.height / Math.max(1, bottom - top)) * 0.9
    this.zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, fit))
    this.changed()
  }
}

