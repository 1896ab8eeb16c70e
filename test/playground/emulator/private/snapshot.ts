/// <reference types="@figma/plugin-typings/plugin-api" />
/** A plain-data picture of the page for test assertions (no live nodes, nothing that throws). */
import type { DocumentModel } from './document-model'
import { STATE } from './nodes/node-state'

export interface FillSummary {
  type: Paint['type']
  visible: boolean
  opacity: number
  /** SOLID only, as #rrggbb. */
  color?: string
  /** IMAGE only. */
  scaleMode?: ImagePaint['scaleMode']
  imageHash?: string | null
  /** IMAGE only: the stored image's pixel size (null when the hash is unknown). */
  imageWidth?: number | null
  imageHeight?: number | null
}

export interface NodeSnapshot {
  id: string
  name: string
  type: string
  /** Relative to the parent, as Figma's x/y. */
  x: number
  y: number
  width: number
  height: number
  parentId: string | null
  visible: boolean
  selected: boolean
  fills: FillSummary[]
  pluginData: Record<string, string>
  /** INSTANCE only: its main component's id. */
  mainComponentId?: string
}

export function snapshotDocument(doc: DocumentModel): NodeSnapshot[] {
  const selection = doc.page[STATE].selection
  return doc.sceneNodes().map((node) => {
    const s = node[STATE]
    return {
      id: s.id,
      name: s.name,
      type: s.type,
      x: s.x,
      y: s.y,
      width: s.width,
      height: s.height,
      parentId: s.parent?.[STATE].id ?? null,
      visible: s.visible,
      selected: selection.includes(node),
      fills: s.fills.map((paint) => summarize(doc, paint)),
      pluginData: Object.fromEntries(s.pluginData),
      ...(s.mainComponentId ? { mainComponentId: s.mainComponentId } : {}),
    }
  })
}

function summarize(doc: DocumentModel, paint: Paint): FillSummary {
  const base = { type: paint.type, visible: paint.visible !== false, opacity: paint.opacity ?? 1 }
  if (paint.type === 'SOLID') return { ...base, color: hex(paint.color) }
  if (paint.type === 'IMAGE') {
    const image = paint.imageHash ? doc.images.get(paint.imageHash) : null
    return { ...base, scaleMode: paint.scaleMode, imageHash: paint.imageHash, imageWidth: image?.width ?? null, imageHeight: image?.height ?? null }
  }
  return base
}

function hex({ r, g, b }: RGB): string {
  return `#${[r, g, b].map((c) => Math.round(c * 255).toString(16).padStart(2, '0')).join('')}`
}
