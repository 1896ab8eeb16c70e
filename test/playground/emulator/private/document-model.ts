/// <reference types="@figma/plugin-typings/plugin-api" />
/**
 * The document shared by every plugin run of one emulator: one page, its nodes, images, selection, and change
 * notifications (batched to one per microtask so a redraw follows a burst of edits).
 */
import { ImageStore } from './image-store'
import type { BaseNodeImpl } from './nodes/base-node'
import { proxyNode } from './nodes/node-proxy'
import { STATE, stateOf, type NodeState } from './nodes/node-state'
import { NODE_CLASSES, type CreatableType } from './nodes/node-types'

export type RenderFn = (node: SceneNode, size: { width: number; height: number }, format: 'PNG' | 'JPG') => Promise<Uint8Array>

/** State copied by clone(); identity, tree links and selection are not. */
const CLONED: readonly (keyof NodeState)[] = [
  'name', 'x', 'y', 'width', 'height', 'visible', 'opacity', 'locked', 'clipsContent', 'cornerRadius', 'strokeWeight',
  'blendMode', 'fills', 'strokes', 'effects', 'mainComponentId',
]

export class DocumentModel {
  readonly images = new ImageStore()
  readonly root: BaseNodeImpl
  readonly page: BaseNodeImpl
  /** Set by figma.loadAllPagesAsync(); document-wide searches need it under dynamic-page. */
  allPagesLoaded = false
  /** The emulator points this at the running plugin's `selectionchange` dispatch. */
  onSelectionChange: () => void = () => {}

  private readonly live = new Map<string, BaseNodeImpl>()
  private counter = 1
  private readonly listeners = new Set<() => void>()
  private pending = false

  constructor(readonly render: RenderFn) {
    this.root = this.make('DOCUMENT', '0:0')
    this.page = this.make('PAGE', '0:1')
    this.root[STATE].children.push(this.page)
    this.page[STATE].parent = this.root
  }

  /** A new node, parented nowhere yet; ids count "1:2", "1:3"... like a fresh Figma file. */
  create(type: CreatableType): BaseNodeImpl {
    return this.make(type, `1:${++this.counter}`)
  }

  /** A node with a known id, for restoring a saved document; later `create` ids continue after `nextCounter`. */
  restore(type: keyof typeof NODE_CLASSES, id: string, nextCounter: number): BaseNodeImpl {
    this.counter = Math.max(this.counter, nextCounter)
    return this.make(type, id)
  }

  /** The last number used in a "1:n" id. */
  get idCounter(): number {
    return this.counter
  }

  getById(id: string): BaseNodeImpl | null {
    return this.live.get(id) ?? null
  }

  /** Every live node on the page, depth-first. */
  sceneNodes(): BaseNodeImpl[] {
    const out: BaseNodeImpl[] = []
    const walk = (n: BaseNodeImpl) => n[STATE].children.forEach((c) => (out.push(c), walk(c)))
    walk(this.page)
    return out
  }

  removeNode(node: BaseNodeImpl): void {
    const s = node[STATE]
    if (s.removed) return
    if (s.parent) {
      const siblings = s.parent[STATE].children
      siblings.splice(siblings.indexOf(s.self), 1)
    }
    const mark = (n: BaseNodeImpl) => {
      n[STATE].removed = true
      this.live.delete(n[STATE].id)
      n[STATE].children.forEach(mark)
    }
    mark(node)
    s.parent = null
    const page = this.page[STATE]
    const kept = page.selection.filter((n) => !n[STATE].removed)
    if (kept.length !== page.selection.length) {
      page.selection = kept
      this.onSelectionChange()
    }
    this.changed()
  }

  cloneTree(node: BaseNodeImpl): BaseNodeImpl {
    const s = node[STATE]
    const copy = this.create(s.type as CreatableType)
    const c = copy[STATE] as unknown as Record<string, unknown>
    for (const key of CLONED) c[key] = s[key]
    copy[STATE].pluginData = new Map(s.pluginData)
    copy[STATE].sharedPluginData = new Map([...s.sharedPluginData].map(([ns, entries]) => [ns, new Map(entries)]))
    copy[STATE].relaunchData = { ...s.relaunchData }
    for (const child of s.children) {
      const childCopy = this.cloneTree(child)
      childCopy[STATE].parent = copy
      copy[STATE].children.push(childCopy)
    }
    return copy
  }

  /**
   * A new instance of `component`, parented nowhere yet: a copy of its look and layers, each layer's id
   * "I<instance id>;<component layer id>" as in Figma.
   */
  instantiate(component: BaseNodeImpl): BaseNodeImpl {
    const source = component[STATE]
    const instance = this.make('INSTANCE', `1:${++this.counter}`)
    const i = instance[STATE] as unknown as Record<string, unknown>
    for (const key of CLONED) if (key !== 'name') i[key] = source[key]
    i.name = source.name
    instance[STATE].mainComponentId = source.id
    const copy = (layer: BaseNodeImpl, parent: BaseNodeImpl) => {
      const l = layer[STATE]
      const node = this.make(l.type, `I${instance[STATE].id};${l.id}`)
      const n = node[STATE] as unknown as Record<string, unknown>
      for (const key of CLONED) n[key] = l[key]
      node[STATE].parent = parent
      parent[STATE].children.push(node)
      l.children.forEach((child) => copy(child, node))
    }
    source.children.forEach((child) => copy(child, instance))
    return instance
  }

  /** Validates like Figma: live scene nodes of this document's current page only. */
  setSelection(value: unknown, method: string): void {
    if (!Array.isArray(value)) throw new Error(`in ${method}: Expected an array of nodes`)
    const next: BaseNodeImpl[] = []
    for (const node of value) {
      const s = stateOf(node)
      if (!s || s.doc !== this) throw new Error(`in ${method}: Expected an array of nodes of this document`)
      if (s.removed) throw new Error(`The node with id "${s.id}" does not exist`)
      if (s.type === 'PAGE' || s.type === 'DOCUMENT') throw new Error(`in ${method}: Cannot select a ${s.type} node`)
      if (!this.isOnPage(s.self)) throw new Error(`in ${method}: Node "${s.id}" is not on the current page`)
      if (!next.includes(s.self)) next.push(s.self)
    }
    const page = this.page[STATE]
    const same = next.length === page.selection.length && next.every((n, i) => n === page.selection[i])
    if (same) return
    page.selection = next
    this.onSelectionChange()
    this.changed()
  }

  /** Removes every node from the page and restarts ids: a fresh page for a scenario. */
  reset(): void {
    for (const child of [...this.page[STATE].children]) this.removeNode(child)
    this.counter = 1
    this.page[STATE].selection = []
    this.changed()
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  changed(): void {
    if (this.pending) return
    this.pending = true
    void Promise.resolve().then(() => {
      this.pending = false
      for (const listener of [...this.listeners]) listener()
    })
  }

  private isOnPage(node: BaseNodeImpl): boolean {
    for (let n: BaseNodeImpl | null = node; n; n = n[STATE].parent) if (n === this.page) return true
    return false
  }

  private make(type: keyof typeof NODE_CLASSES, id: string): BaseNodeImpl {
    const node = proxyNode(new NODE_CLASSES[type](this, id))
    this.live.set(id, node)
    return node
  }
}
