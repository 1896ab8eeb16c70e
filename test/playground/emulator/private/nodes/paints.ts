/// <reference types="@figma/plugin-typings/plugin-api" />
/**
 * Paint validation and normalisation as Figma does on `node.fills = [...]`: unknown keys and bad values throw,
 * stored paints get Figma's defaults, and what is read back is deeply frozen (mutating it throws in strict code).
 */
import { notEmulated } from '../not-emulated'

const BLEND_MODES = new Set([
  'PASS_THROUGH', 'NORMAL', 'DARKEN', 'MULTIPLY', 'LINEAR_BURN', 'COLOR_BURN', 'LIGHTEN', 'SCREEN', 'LINEAR_DODGE',
  'COLOR_DODGE', 'OVERLAY', 'SOFT_LIGHT', 'HARD_LIGHT', 'DIFFERENCE', 'EXCLUSION', 'HUE', 'SATURATION', 'COLOR', 'LUMINOSITY',
])
const SCALE_MODES = new Set(['FILL', 'FIT', 'CROP', 'TILE'])
const GRADIENTS = new Set(['GRADIENT_LINEAR', 'GRADIENT_RADIAL', 'GRADIENT_ANGULAR', 'GRADIENT_DIAMOND'])
const COMMON_KEYS = ['type', 'visible', 'opacity', 'blendMode', 'boundVariables']
const KEYS: Record<string, string[]> = {
  SOLID: [...COMMON_KEYS, 'color'],
  IMAGE: [...COMMON_KEYS, 'scaleMode', 'imageHash', 'imageTransform', 'scalingFactor', 'rotation', 'filters'],
  GRADIENT: [...COMMON_KEYS, 'gradientTransform', 'gradientStops'],
}
const IDENTITY: Transform = [
  [1, 0, 0],
  [0, 1, 0],
]
const NO_FILTERS: ImageFilters = { exposure: 0, contrast: 0, saturation: 0, temperature: 0, tint: 0, highlights: 0, shadows: 0 }

/** Validates `value` as the new value of `property` ("fills", "strokes") and returns Figma's stored form. */
export function normalizePaints(value: unknown, property: string): readonly Paint[] {
  const where = `in set_${property}`
  if (!Array.isArray(value)) throw new Error(`${where}: Expected "${property}" to be an array of paints, got ${describe(value)}`)
  return deepFreeze(value.map((paint, i) => normalizePaint(paint, `${where}: ${property}[${i}]`)))
}

function normalizePaint(paint: unknown, at: string): Paint {
  if (typeof paint !== 'object' || paint === null) throw new Error(`${at}: Expected a paint object, got ${describe(paint)}`)
  const p = paint as Record<string, unknown>
  const type = p.type
  if (type === 'VIDEO' || type === 'PATTERN') notEmulated(`${String(type)} paints`)
  const family = type === 'SOLID' || type === 'IMAGE' ? type : GRADIENTS.has(String(type)) ? 'GRADIENT' : null
  if (!family) throw new Error(`${at}.type: Invalid paint type ${JSON.stringify(type)}`)
  const unknown = Object.keys(p).filter((k) => !KEYS[family].includes(k))
  if (unknown.length) throw new Error(`${at}: Unrecognized key(s) in object: ${unknown.map((k) => `'${k}'`).join(', ')}`)
  const common = {
    visible: optionalBoolean(p.visible, `${at}.visible`, true),
    opacity: optionalNumber(p.opacity, `${at}.opacity`, 1, 0, 1),
    blendMode: optionalBlendMode(p.blendMode, `${at}.blendMode`),
  }
  if (family === 'SOLID') return { type: 'SOLID', ...common, color: rgb(p.color, `${at}.color`) }
  if (family === 'IMAGE') {
    if (!SCALE_MODES.has(String(p.scaleMode))) throw new Error(`${at}.scaleMode: Expected one of FILL, FIT, CROP, TILE, got ${describe(p.scaleMode)}`)
    if (p.imageHash !== null && typeof p.imageHash !== 'string') throw new Error(`${at}.imageHash: Expected a string or null, got ${describe(p.imageHash)}`)
    return {
      type: 'IMAGE',
      ...common,
      scaleMode: p.scaleMode as ImagePaint['scaleMode'],
      imageHash: p.imageHash,
      imageTransform: p.imageTransform === undefined ? IDENTITY : transform(p.imageTransform, `${at}.imageTransform`),
      scalingFactor: optionalNumber(p.scalingFactor, `${at}.scalingFactor`, 0.5, 0.01, 100),
      rotation: optionalNumber(p.rotation, `${at}.rotation`, 0, -360, 360),
      filters: { ...NO_FILTERS, ...(p.filters as ImageFilters | undefined) },
    }
  }
  if (!Array.isArray(p.gradientStops)) throw new Error(`${at}.gradientStops: Expected an array`)
  return {
    type: type as GradientPaint['type'],
    ...common,
    gradientTransform: p.gradientTransform === undefined ? IDENTITY : transform(p.gradientTransform, `${at}.gradientTransform`),
    gradientStops: p.gradientStops.map((stop: ColorStop, i: number) => ({
      position: optionalNumber(stop?.position, `${at}.gradientStops[${i}].position`, 0, 0, 1),
      color: rgba(stop?.color, `${at}.gradientStops[${i}].color`),
    })),
  }
}

function rgb(value: unknown, at: string): RGB {
  const c = value as Record<string, unknown>
  if (typeof c !== 'object' || c === null) throw new Error(`${at}: Expected an {r, g, b} object, got ${describe(value)}`)
  const extra = Object.keys(c).filter((k) => !['r', 'g', 'b'].includes(k))
  if (extra.length) throw new Error(`${at}: Unrecognized key(s) in object: ${extra.map((k) => `'${k}'`).join(', ')}`)
  return { r: channel(c.r, `${at}.r`), g: channel(c.g, `${at}.g`), b: channel(c.b, `${at}.b`) }
}

function rgba(value: unknown, at: string): RGBA {
  const c = value as Record<string, unknown>
  if (typeof c !== 'object' || c === null) throw new Error(`${at}: Expected an {r, g, b, a} object, got ${describe(value)}`)
  return { r: channel(c.r, `${at}.r`), g: channel(c.g, `${at}.g`), b: channel(c.b, `${at}.b`), a: channel(c.a, `${at}.a`) }
}

function channel(value: unknown, at: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new Error(`${at}: Expected a number between 0 and 1, got ${describe(value)}`)
  }
  return value
}

function transform(value: unknown, at: string): Transform {
  const ok =
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((row) => Array.isArray(row) && row.length === 3 && row.every((n) => typeof n === 'number' && Number.isFinite(n)))
  if (!ok) throw new Error(`${at}: Expected a 2x3 affine transform [[a, b, tx], [c, d, ty]], got ${describe(value)}`)
  const [[a, b, tx], [c, d, ty]] = value as number[][]
  return [
    [a, b, tx],
    [c, d, ty],
  ]
}

function optionalBoolean(value: unknown, at: string, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') throw new Error(`${at}: Expected a boolean, got ${describe(value)}`)
  return value
}

function optionalNumber(value: unknown, at: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${at}: Expected a number between ${min} and ${max}, got ${describe(value)}`)
  }
  return value
}

function optionalBlendMode(value: unknown, at: string): BlendMode {
  if (value === undefined) return 'NORMAL'
  if (!BLEND_MODES.has(String(value))) throw new Error(`${at}: Invalid blend mode ${describe(value)}`)
  return value as BlendMode
}

export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'object') return 'object'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  return typeof value === 'symbol' ? 'symbol' : String(value)
}

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
    Object.freeze(value)
  }
  return value
}

/** A fresh, deeply frozen copy: Figma hands out a new array on every read. */
export function frozenCopy<T>(value: T): T {
  return deepFreeze(structuredClone(value))
}
