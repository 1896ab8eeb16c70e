/// <reference types="@figma/plugin-typings/plugin-api" />
/** The part of figma.util a plugin is likely to touch: rgb, rgba and solidPaint from hex strings or objects. */
import { notEmulated } from '../not-emulated'

type ColorInput = string | RGB | RGBA

function parse(color: ColorInput): RGBA {
  if (typeof color === 'object' && color !== null) {
    return { r: color.r, g: color.g, b: color.b, a: 'a' in color ? color.a : 1 }
  }
  const hex = String(color).trim().replace(/^#/, '')
  if (!/^([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.test(hex)) notEmulated(`figma.util colour "${String(color)}" (hex only)`)
  const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex
  const channel = (i: number) => parseInt(full.slice(i, i + 2), 16) / 255
  return { r: channel(0), g: channel(2), b: channel(4), a: full.length === 8 ? channel(6) : 1 }
}

export function createFigmaUtil() {
  return {
    rgb(color: ColorInput): RGB {
      const { r, g, b } = parse(color)
      return { r, g, b }
    },
    rgba(color: ColorInput): RGBA {
      return parse(color)
    },
    solidPaint(color: ColorInput, overrides?: Partial<SolidPaint>): SolidPaint {
      const { r, g, b, a } = parse(color)
      return { type: 'SOLID', ...overrides, color: { r, g, b }, opacity: a }
    },
  }
}
