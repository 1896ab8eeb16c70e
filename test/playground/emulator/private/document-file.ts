/// <reference types="@figma/plugin-typings/plugin-api" />
/**
 * A document as plain JSON, so the playground can keep named files (`&file=A`) across page loads as Figma keeps
 * files: every node with its id, geometry, fills, pluginData and relaunch data, the document's own pluginData,
 * and the images its fills use.
 */
import { base64Decode, base64Encode } from './codecs/base64'
import type { DocumentModel } from './document-model'
import type { BaseNodeImpl } from './nodes/base-node'
import { STATE, type NodeState, type NodeType } from './nodes/node-state'

export interface SavedNode {
  type: NodeType
  id: string
  fields: Record<string, unknown>
  pluginData: [string, string][]
  sharedPluginData: [string, [string, string][]][]
  relaunchData: Record<string, string>
  children: SavedNode[]
}

export interface SavedDocument {
  version: 1
  counter: number
  rootPluginData: [string, string][]
  nodes: SavedNode[]
  /** Base64 image bytes by hash; omitted when they did not fit (fills then show no image). */
  images: Record<string, string>
}

/** Plain state copied as it is (paints and effects are already frozen plain data). */
const FIELDS: readonly (keyof NodeState)[] = [
  'name', 'x', 'y', 'width', 'height', 'visible', 'opacity', 'locked', 'clipsContent', 'cornerRadius', 'strokeWeight',
  'blendMode', 'fills', 'strokes', 'effects', 'mainComponentId',
]

export function saveDocument(doc: DocumentModel, withImages = true): SavedDocument {
  const hashes = new Set<string>()
  const save = (node: BaseNodeImpl): SavedNode => {
    const s = node[STATE]
    const fields: Record<string, unknown> = {}
    for (const key of FIELDS) if (s[key] !== undefined) fields[key] = s[key]
    for (const paint of s.fills) if (paint.type === 'IMAGE' && paint.imageHash) hashes.add(paint.imageHash)
    return {
      type: s.type,
      id: s.id,
      fields,
      pluginData: [...s.pluginData],
      sharedPluginData: [...s.sharedPluginData].map(([ns, entries]) => [ns, [...entries]]),
      relaunchData: { ...s.relaunchData },
      children: s.children.map(save),
    }
  }
  const nodes = doc.page[STATE].children.map(save)
  const images: Record<string, string> = {}
  if (withImages) {
    for (const hash of hashes) {
      const image = doc.images.get(hash)
      if (image) images[hash] = base64Encode(image.bytes)
    }
  }
  return { version: 1, counter: doc.idCounter, rootPluginData: [...doc.root[STATE].pluginData], nodes, images }
}

/** Replaces the page's content (and the document's pluginData) with a saved document. */
export function restoreDocument(doc: DocumentModel, saved: SavedDocument): void {
  if (saved?.version !== 1 || !Array.isArray(saved.nodes)) throw new Error('not a saved playground document (version 1)')
  doc.reset()
  for (const base64 of Object.values(saved.images ?? {})) {
    try {
      doc.images.create(base64Decode(base64))
    } catch {
      // A damaged image leaves its fills without a picture, as a missing image does in Figma.
    }
  }
  doc.root[STATE].pluginData = new Map(saved.rootPluginData)
  const restore = (data: SavedNode, parent: BaseNodeImpl) => {
    const node = doc.restore(data.type as Parameters<DocumentModel['restore']>[0], data.id, saved.counter)
    const s = node[STATE] as unknown as Record<string, unknown>
    for (const [key, value] of Object.entries(data.fields)) if ((FIELDS as readonly string[]).includes(key)) s[key] = value
    node[STATE].pluginData = new Map(data.pluginData)
    node[STATE].sharedPluginData = new Map(data.sharedPluginData.map(([ns, entries]) => [ns, new Map(entries)]))
    node[STATE].relaunchData = { ...data.relaunchData }
    node[STATE].parent = parent
    parent[STATE].children.push(node)
    for (const child of data.children) restore(child, node)
  }
  for (const node of saved.nodes) restore(node, doc.page)
  doc.changed()
}
