/// <reference types="@figma/plugin-typings/plugin-api" />
/**
 * Every emulated node keeps its data under one symbol key, so `'children' in node`, `Object.keys(node)` and
 * friends see only Figma's public members, and the strict proxy can let internal reads through.
 */
import type { DocumentModel } from '../document-model'
import type { BaseNodeImpl } from './base-node'

export const STATE: unique symbol = Symbol('figma-emulator/node-state')

export type NodeType = 'DOCUMENT' | 'PAGE' | 'FRAME' | 'RECTANGLE' | 'ELLIPSE' | 'SECTION' | 'COMPONENT' | 'INSTANCE'

export interface NodeState {
  doc: DocumentModel
  /** The proxy handed to plugin code; the only identity a node has outside the emulator. */
  self: BaseNodeImpl
  id: string
  type: NodeType
  name: string
  parent: BaseNodeImpl | null
  children: BaseNodeImpl[]
  removed: boolean
  pluginData: Map<string, string>
  sharedPluginData: Map<string, Map<string, string>>
  relaunchData: Record<string, string>
  x: number
  y: number
  width: number
  height: number
  visible: boolean
  opacity: number
  locked: boolean
  clipsContent: boolean
  cornerRadius: number
  strokeWeight: number
  blendMode: BlendMode
  fills: readonly Paint[]
  strokes: readonly Paint[]
  effects: readonly Effect[]
  /** Page only. */
  selection: BaseNodeImpl[]
  /** INSTANCE only: the id of its main component. */
  mainComponentId?: string
}

/** The instance a node belongs to (itself when it is one), or null. Instance sublayers take overrides only. */
export function instanceOf(node: BaseNodeImpl): BaseNodeImpl | null {
  for (let n: BaseNodeImpl | null = node; n; n = n[STATE].parent) if (n[STATE].type === 'INSTANCE') return n
  return null
}

export function stateOf(node: unknown): NodeState | null {
  return typeof node === 'object' && node !== null && STATE in node ? (node as { [STATE]: NodeState })[STATE] : null
}
