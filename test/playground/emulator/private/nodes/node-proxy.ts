/**
 * The face a node shows to plugin code. Like Figma: reading anything but `id`/`removed` from a removed node
 * throws, assigning a read-only member throws, nodes are not extensible, and Figma members the emulator lacks
 * throw `not emulated: ...` rather than read as undefined.
 */
import { findDescriptor, notEmulated } from '../not-emulated'
import type { BaseNodeImpl } from './base-node'
import { STATE } from './node-state'

/** Figma node members that exist on some node type but are not emulated on any. */
const NOT_EMULATED = new Set(
  (
    'layoutMode layoutWrap primaryAxisSizingMode counterAxisSizingMode primaryAxisAlignItems counterAxisAlignItems ' +
    'counterAxisAlignContent paddingLeft paddingRight paddingTop paddingBottom horizontalPadding verticalPadding ' +
    'itemSpacing counterAxisSpacing itemReverseZIndex strokesIncludedInLayout layoutAlign layoutGrow layoutPositioning ' +
    'layoutSizingHorizontal layoutSizingVertical minWidth maxWidth minHeight maxHeight constraints rescale ' +
    'lockAspectRatio unlockAspectRatio targetAspectRatio strokeAlign strokeCap strokeJoin strokeMiterLimit dashPattern ' +
    'strokeTopWeight strokeBottomWeight strokeLeftWeight strokeRightWeight cornerSmoothing topLeftRadius topRightRadius ' +
    'bottomLeftRadius bottomRightRadius fillStyleId setFillStyleIdAsync strokeStyleId setStrokeStyleIdAsync ' +
    'effectStyleId setEffectStyleIdAsync gridStyleId layoutGrids guides exportSettings boundVariables setBoundVariable ' +
    'resolvedVariableModes explicitVariableModes setExplicitVariableModeForCollection reactions setReactionsAsync ' +
    'overflowDirection numberOfFixedChildren inferredAutoLayout detachedInfo componentPropertyReferences getCSSAsync ' +
    'findWidgetNodesByWidgetId attachedConnectors getTopLevelFrame isAsset maskType arcData characters fontName ' +
    'fontSize textAutoResize devStatus annotations selectedTextRange flowStartingPoints prototypeBackgrounds ' +
    'fillGeometry strokeGeometry vectorNetwork vectorPaths detachInstance swapComponent componentProperties ' +
    'focusedNode isPageDivider documentColorProfile'
  ).split(' '),
)

const READABLE_WHEN_REMOVED = new Set(['id', 'removed', 'toString'])

export function proxyNode<T extends BaseNodeImpl>(impl: T): T {
  const proxy = new Proxy(impl, {
    get(target, key, receiver) {
      if (typeof key === 'symbol') return Reflect.get(target, key, receiver)
      const s = target[STATE]
      if (s.removed && !READABLE_WHEN_REMOVED.has(key)) throw new Error(`The node with id "${s.id}" does not exist`)
      if (key in target) return Reflect.get(target, key, receiver)
      if (NOT_EMULATED.has(key)) notEmulated(`${s.type}.${key}`)
      return undefined
    },
    set(target, key, value, receiver) {
      if (typeof key === 'symbol') return Reflect.set(target, key, value, receiver)
      const s = target[STATE]
      if (s.removed) throw new Error(`The node with id "${s.id}" does not exist`)
      if (!(key in target)) {
        if (NOT_EMULATED.has(key)) notEmulated(`${s.type}.${key}`)
        throw new TypeError(`Cannot add property ${key}, object is not extensible`)
      }
      const descriptor = findDescriptor(target, key)
      if (descriptor && !descriptor.set && !descriptor.writable) {
        throw new TypeError(`Cannot assign to read only property '${key}' of ${s.type} node ${s.id}`)
      }
      return Reflect.set(target, key, value, receiver)
    },
    defineProperty(target, key, descriptor) {
      if (typeof key === 'symbol') return Reflect.defineProperty(target, key, descriptor)
      throw new TypeError(`Cannot define property ${key}, object is not extensible`)
    },
    deleteProperty(_target, key) {
      throw new TypeError(`Cannot delete property '${String(key)}' of a node`)
    },
  })
  impl[STATE].self = proxy
  return proxy
}
