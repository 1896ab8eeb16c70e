/// <reference types="@figma/plugin-typings/plugin-api" />
/** ChildrenMixin for document, page, frame and section: children, appendChild/insertChild and the find* family. */
import type { BaseNodeImpl } from './base-node'
import { instanceOf, STATE, stateOf, type NodeType } from './node-state'

type Constructor<T> = new (...args: any[]) => T
type Predicate = (node: BaseNodeImpl) => boolean

/** Which child types each container accepts (sections live on pages or in other sections only). */
const ACCEPTS: Partial<Record<NodeType, readonly NodeType[]>> = {
  DOCUMENT: ['PAGE'],
  PAGE: ['FRAME', 'RECTANGLE', 'ELLIPSE', 'SECTION', 'COMPONENT', 'INSTANCE'],
  SECTION: ['FRAME', 'RECTANGLE', 'ELLIPSE', 'SECTION', 'COMPONENT', 'INSTANCE'],
  FRAME: ['FRAME', 'RECTANGLE', 'ELLIPSE', 'COMPONENT', 'INSTANCE'],
  COMPONENT: ['FRAME', 'RECTANGLE', 'ELLIPSE', 'INSTANCE'],
  // An instance's layers come from its main component; plugins cannot add or move any (Figma throws).
  INSTANCE: [],
}

export function withChildren<TBase extends Constructor<BaseNodeImpl>>(Base: TBase) {
  return class Container extends Base {
    get children(): readonly BaseNodeImpl[] {
      return Object.freeze([...this[STATE].children])
    }

    appendChild(child: BaseNodeImpl): void {
      insertAt(this, this[STATE].children.filter((c) => c !== child).length, child, 'appendChild')
    }

    insertChild(index: number, child: BaseNodeImpl): void {
      insertAt(this, index, child, 'insertChild')
    }

    findChildren(callback?: Predicate): BaseNodeImpl[] {
      return this[STATE].children.filter((n) => !callback || callback(n))
    }

    findChild(callback: Predicate): BaseNodeImpl | null {
      return this[STATE].children.find(callback) ?? null
    }

    findAll(callback?: Predicate): BaseNodeImpl[] {
      return descendants(this).filter((n) => !callback || callback(n))
    }

    findOne(callback: Predicate): BaseNodeImpl | null {
      return descendants(this).find(callback) ?? null
    }

    findAllWithCriteria(criteria: { types?: NodeType[]; pluginData?: { keys?: string[] } }): BaseNodeImpl[] {
      const types = criteria?.types
      const keys = criteria?.pluginData?.keys
      return descendants(this).filter((n) => {
        const s = n[STATE]
        if (types && !types.includes(s.type)) return false
        if (criteria?.pluginData && (keys ? !keys.some((k) => s.pluginData.has(k)) : s.pluginData.size === 0)) return false
        return true
      })
    }
  }
}

/** Depth-first, pre-order, excluding `node` itself (Figma's findAll order). */
function descendants(node: BaseNodeImpl): BaseNodeImpl[] {
  const out: BaseNodeImpl[] = []
  const walk = (n: BaseNodeImpl) => {
    for (const child of n[STATE].children) {
      out.push(child)
      walk(child)
    }
  }
  walk(node)
  return out
}

function insertAt(container: BaseNodeImpl, index: number, child: BaseNodeImpl, method: string): void {
  const s = container[STATE]
  const c = stateOf(child)
  if (!c) throw new Error(`in ${method}: Expected "child" to be a node`)
  if (c.removed) throw new Error(`The node with id "${c.id}" does not exist`)
  if (instanceOf(s.self)) throw new Error(`in ${method}: Cannot move node. New parent is an instance or is inside of an instance`)
  if (c.parent && instanceOf(c.parent)) throw new Error(`in ${method}: Cannot move node. Node is inside of an instance`)
  if (!ACCEPTS[s.type]?.includes(c.type)) {
    throw new Error(`in ${method}: Cannot move a ${c.type} node into a ${s.type} node`)
  }
  for (let p: BaseNodeImpl | null = s.self; p; p = p[STATE].parent) {
    if (p === c.self) throw new Error(`in ${method}: Cannot move node. New parent is the node itself or one of its descendants`)
  }
  const siblings = s.children
  const max = siblings.length - (c.parent === s.self ? 1 : 0)
  if (!Number.isInteger(index) || index < 0 || index > max) {
    throw new Error(`in ${method}: Expected "index" to be an integer in [0, ${max}], got ${String(index)}`)
  }
  if (c.parent) {
    const old = c.parent[STATE].children
    old.splice(old.indexOf(c.self), 1)
  }
  siblings.splice(index, 0, c.self)
  c.parent = s.self
  s.doc.changed()
}
