/// <reference types="@figma/plugin-typings/plugin-api" />
/** Members every node has (BaseNodeMixin): identity, name, parent, removal and plugin data. */
import type { DocumentModel } from '../document-model'
import { describe } from './paints'
import { instanceOf, STATE, type NodeState, type NodeType } from './node-state'

/** Figma's limit for one pluginData entry (Update 109): key and value together. */
export const PLUGIN_DATA_MAX_BYTES = 100_000

export class BaseNodeImpl {
  declare [STATE]: NodeState

  constructor(doc: DocumentModel, type: NodeType, id: string, name: string) {
    this[STATE] = {
      doc,
      self: this,
      id,
      type,
      name,
      parent: null,
      children: [],
      removed: false,
      pluginData: new Map(),
      sharedPluginData: new Map(),
      relaunchData: {},
      x: 0,
      y: 0,
      width: 100,
      height: 100,
      visible: true,
      opacity: 1,
      locked: false,
      clipsContent: false,
      cornerRadius: 0,
      strokeWeight: 1,
      blendMode: 'PASS_THROUGH',
      fills: Object.freeze([]),
      strokes: Object.freeze([]),
      effects: Object.freeze([]),
      selection: [],
    }
  }

  get id(): string {
    return this[STATE].id
  }

  get type(): NodeType {
    return this[STATE].type
  }

  get name(): string {
    return this[STATE].name
  }

  set name(value: string) {
    if (typeof value !== 'string') throw new Error(`in set_name: Expected "name" to be a string, got ${describe(value)}`)
    this[STATE].name = value
    this[STATE].doc.changed()
  }

  get parent(): BaseNodeImpl | null {
    return this[STATE].parent
  }

  get removed(): boolean {
    return this[STATE].removed
  }

  remove(): void {
    const s = this[STATE]
    if (s.type === 'PAGE' || s.type === 'DOCUMENT') throw new Error(`in remove: Cannot remove the ${s.type.toLowerCase()}`)
    if (s.parent && instanceOf(s.parent)) throw new Error('in remove: Cannot remove a node inside of an instance')
    s.doc.removeNode(s.self)
  }

  setPluginData(key: string, value: string): void {
    setData(this[STATE].pluginData, key, value, 'setPluginData')
    this[STATE].doc.changed()
  }

  getPluginData(key: string): string {
    return this[STATE].pluginData.get(key) ?? ''
  }

  getPluginDataKeys(): string[] {
    return [...this[STATE].pluginData.keys()]
  }

  setSharedPluginData(namespace: string, key: string, value: string): void {
    if (typeof namespace !== 'string' || !/^[A-Za-z0-9_.]{3,}$/.test(namespace)) {
      throw new Error('in setSharedPluginData: namespace must be at least 3 alphanumeric characters, "_" or "."')
    }
    const data = this[STATE].sharedPluginData
    const entries = data.get(namespace) ?? new Map<string, string>()
    data.set(namespace, entries)
    setData(entries, key, value, 'setSharedPluginData')
    this[STATE].doc.changed()
  }

  getSharedPluginData(namespace: string, key: string): string {
    return this[STATE].sharedPluginData.get(namespace)?.get(key) ?? ''
  }

  getSharedPluginDataKeys(namespace: string): string[] {
    return [...(this[STATE].sharedPluginData.get(namespace)?.keys() ?? [])]
  }

  toString(): string {
    return `[${this[STATE].type} ${this[STATE].id}]`
  }
}

function setData(map: Map<string, string>, key: unknown, value: unknown, method: string): void {
  if (typeof key !== 'string') throw new Error(`in ${method}: Expected "key" to be a string, got ${describe(key)}`)
  if (typeof value !== 'string') throw new Error(`in ${method}: Expected "value" to be a string, got ${describe(value)}`)
  if (key.length + value.length > PLUGIN_DATA_MAX_BYTES) {
    throw new Error(`in ${method}: the entry for "${key}" is larger than ${PLUGIN_DATA_MAX_BYTES / 1000} kB`)
  }
  // Figma drops a key whose value is set to "" (it no longer appears in getPluginDataKeys).
  if (value === '') map.delete(key)
  else map.set(key, value)
}
