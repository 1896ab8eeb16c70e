/// <reference types="@figma/plugin-typings/plugin-api" />
/**
 * Members of the scene nodes we emulate (frame, rectangle, ellipse, section): geometry without rotation, fills
 * and strokes, visibility, relaunch data, clone and exportAsync.
 */
import { notEmulated } from '../not-emulated'
import { BaseNodeImpl } from './base-node'
import { STATE } from './node-state'
import { describe, frozenCopy, normalizePaints } from './paints'

/** Figma refuses sizes below 0.01 (in resize: Expected "width" to have type number >= 0.01). */
const MIN_SIZE = 0.01

export class SceneNodeImpl extends BaseNodeImpl {
  get x(): number {
    return this[STATE].x
  }

  set x(value: number) {
    this[STATE].x = finite(value, 'set_x', 'x')
    this[STATE].doc.changed()
  }

  get y(): number {
    return this[STATE].y
  }

  set y(value: number) {
    this[STATE].y = finite(value, 'set_y', 'y')
    this[STATE].doc.changed()
  }

  get width(): number {
    return this[STATE].width
  }

  get height(): number {
    return this[STATE].height
  }

  resize(width: number, height: number): void {
    const s = this[STATE]
    s.width = size(width, 'resize', 'width')
    s.height = size(height, 'resize', 'height')
    s.doc.changed()
  }

  resizeWithoutConstraints(width: number, height: number): void {
    this.resize(width, height)
  }

  get rotation(): number {
    return 0
  }

  set rotation(value: number) {
    if (value !== 0) notEmulated('rotation other than 0')
  }

  get relativeTransform(): Transform {
    const s = this[STATE]
    return frozenCopy<Transform>([
      [1, 0, s.x],
      [0, 1, s.y],
    ])
  }

  set relativeTransform(value: Transform) {
    const [[a, b, tx], [c, d, ty]] = value
    if (a !== 1 || b !== 0 || c !== 0 || d !== 1) notEmulated('relativeTransform with rotation, scale or skew')
    this.x = tx
    this.y = ty
  }

  get absoluteTransform(): Transform {
    const { x, y } = absolutePosition(this)
    return frozenCopy<Transform>([
      [1, 0, x],
      [0, 1, y],
    ])
  }

  get absoluteBoundingBox(): Rect {
    return Object.freeze({ ...absolutePosition(this), width: this[STATE].width, height: this[STATE].height })
  }

  get absoluteRenderBounds(): Rect | null {
    return this[STATE].visible ? this.absoluteBoundingBox : null
  }

  get visible(): boolean {
    return this[STATE].visible
  }

  set visible(value: boolean) {
    this[STATE].visible = bool(value, 'set_visible', 'visible')
    this[STATE].doc.changed()
  }

  get locked(): boolean {
    return this[STATE].locked
  }

  set locked(value: boolean) {
    this[STATE].locked = bool(value, 'set_locked', 'locked')
    this[STATE].doc.changed()
  }

  get opacity(): number {
    return this[STATE].opacity
  }

  set opacity(value: number) {
    const v = finite(value, 'set_opacity', 'opacity')
    if (v < 0 || v > 1) throw new Error(`in set_opacity: Expected "opacity" to be between 0 and 1, got ${v}`)
    this[STATE].opacity = v
    this[STATE].doc.changed()
  }

  get blendMode(): BlendMode {
    return this[STATE].blendMode
  }

  set blendMode(value: BlendMode) {
    this[STATE].blendMode = value
  }

  get isMask(): boolean {
    return false
  }

  get fills(): readonly Paint[] {
    return frozenCopy(this[STATE].fills)
  }

  set fills(value: readonly Paint[]) {
    this[STATE].fills = normalizePaints(value, 'fills')
    this[STATE].doc.changed()
  }

  get strokes(): readonly Paint[] {
    return frozenCopy(this[STATE].strokes)
  }

  set strokes(value: readonly Paint[]) {
    this[STATE].strokes = normalizePaints(value, 'strokes')
    this[STATE].doc.changed()
  }

  get strokeWeight(): number {
    return this[STATE].strokeWeight
  }

  set strokeWeight(value: number) {
    this[STATE].strokeWeight = finite(value, 'set_strokeWeight', 'strokeWeight')
    this[STATE].doc.changed()
  }

  get effects(): readonly Effect[] {
    return frozenCopy(this[STATE].effects)
  }

  set effects(value: readonly Effect[]) {
    if (!Array.isArray(value)) throw new Error(`in set_effects: Expected an array, got ${describe(value)}`)
    this[STATE].effects = frozenCopy(value)
    this[STATE].doc.changed()
  }

  setRelaunchData(data: { [command: string]: string }): void {
    if (typeof data !== 'object' || data === null) throw new Error('in setRelaunchData: Expected an object')
    for (const [command, description] of Object.entries(data)) {
      if (typeof description !== 'string') throw new Error(`in setRelaunchData: the description of "${command}" must be a string`)
    }
    this[STATE].relaunchData = { ...data }
    this[STATE].doc.changed()
  }

  getRelaunchData(): { [command: string]: string } {
    return { ...this[STATE].relaunchData }
  }

  clone(): this {
    const s = this[STATE]
    const copy = s.doc.cloneTree(s.self)
    const parent = s.parent
    if (parent) {
      const siblings = parent[STATE].children
      siblings.splice(siblings.indexOf(s.self) + 1, 0, copy)
      copy[STATE].parent = parent
    }
    s.doc.changed()
    return copy as this
  }

  async exportAsync(settings?: ExportSettings): Promise<Uint8Array> {
    const s = this[STATE]
    const format = settings?.format ?? 'PNG'
    if (format !== 'PNG' && format !== 'JPG') notEmulated(`exportAsync({format: '${format}'})`)
    const constraint = (settings as ExportSettingsImage | undefined)?.constraint ?? { type: 'SCALE', value: 1 }
    const value = constraint.value
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new Error(`in exportAsync: Expected "constraint.value" to be a positive number, got ${describe(value)}`)
    }
    const scale = constraint.type === 'WIDTH' ? value / s.width : constraint.type === 'HEIGHT' ? value / s.height : value
    const pixels = { width: Math.max(1, Math.round(s.width * scale)), height: Math.max(1, Math.round(s.height * scale)) }
    const bytes = await s.doc.render(s.self as unknown as SceneNode, pixels, format)
    return new Uint8Array(bytes)
  }
}

function absolutePosition(node: BaseNodeImpl): { x: number; y: number } {
  let x = 0
  let y = 0
  for (let n: BaseNodeImpl | null = node; n && n[STATE].type !== 'PAGE' && n[STATE].type !== 'DOCUMENT'; n = n[STATE].parent) {
    x += n[STATE].x
    y += n[STATE].y
  }
  return { x, y }
}

function finite(value: unknown, method: string, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`in ${method}: Expected "${name}" to have type number, got ${describe(value)}`)
  }
  return value
}

function size(value: unknown, method: string, name: string): number {
  const v = finite(value, method, name)
  if (v < MIN_SIZE) throw new Error(`in ${method}: Expected "${name}" to have type number >= ${MIN_SIZE}, got ${v}`)
  return v
}

function bool(value: unknown, method: string, name: string): boolean {
  if (typeof value !== 'boolean') throw new Error(`in ${method}: Expected "${name}" to have type boolean, got ${describe(value)}`)
  return value
}
