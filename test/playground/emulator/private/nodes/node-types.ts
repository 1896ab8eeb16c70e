/// <reference types="@figma/plugin-typings/plugin-api" />
/** The concrete node classes, with Figma's defaults for new nodes (names, sizes, fills, clipping). */
import type { DocumentModel } from '../document-model'
import { BaseNodeImpl } from './base-node'
import { STATE, type NodeType } from './node-state'
import { deepFreeze, describe } from './paints'
import { SceneNodeImpl } from './scene-node'
import { withChildren } from './with-children'

const WHITE: readonly Paint[] = deepFreeze([{ type: 'SOLID', visible: true, opacity: 1, blendMode: 'NORMAL', color: { r: 1, g: 1, b: 1 } }])
/** #D9D9D9, the grey of a new rectangle or ellipse. */
const SHAPE_GREY: readonly Paint[] = deepFreeze([
  { type: 'SOLID', visible: true, opacity: 1, blendMode: 'NORMAL', color: { r: 0.8509804010391235, g: 0.8509804010391235, b: 0.8509804010391235 } },
])
const CANVAS_GREY: readonly Paint[] = deepFreeze([
  { type: 'SOLID', visible: true, opacity: 1, blendMode: 'NORMAL', color: { r: 0.9607843160629272, g: 0.9607843160629272, b: 0.9607843160629272 } },
])

class CornerNodeImpl extends SceneNodeImpl {
  get cornerRadius(): number {
    return this[STATE].cornerRadius
  }

  set cornerRadius(value: number) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error(`in set_cornerRadius: Expected a number >= 0, got ${describe(value)}`)
    }
    this[STATE].cornerRadius = value
    this[STATE].doc.changed()
  }
}

export class FrameNodeImpl extends withChildren(CornerNodeImpl) {
  constructor(doc: DocumentModel, id: string) {
    super(doc, 'FRAME', id, 'Frame')
    this[STATE].fills = WHITE
    this[STATE].clipsContent = true
  }

  get clipsContent(): boolean {
    return this[STATE].clipsContent
  }

  set clipsContent(value: boolean) {
    this[STATE].clipsContent = Boolean(value)
    this[STATE].doc.changed()
  }
}

/** A main component: a frame whose instances copy its layers. */
export class ComponentNodeImpl extends withChildren(CornerNodeImpl) {
  constructor(doc: DocumentModel, id: string) {
    super(doc, 'COMPONENT', id, 'Component')
    this[STATE].fills = WHITE
    this[STATE].clipsContent = true
  }

  get clipsContent(): boolean {
    return this[STATE].clipsContent
  }

  set clipsContent(value: boolean) {
    this[STATE].clipsContent = Boolean(value)
    this[STATE].doc.changed()
  }

  createInstance(): BaseNodeImpl {
    const doc = this[STATE].doc
    const instance = doc.instantiate(this[STATE].self)
    ;(doc.page as unknown as { appendChild(node: BaseNodeImpl): void }).appendChild(instance)
    return instance
  }

  async getInstancesAsync(): Promise<BaseNodeImpl[]> {
    const id = this[STATE].id
    return this[STATE].doc.sceneNodes().filter((n) => n[STATE].mainComponentId === id)
  }
}

/**
 * An instance: its layers are copies of the main component's, with ids "I<instance>;<layer>". Plugins may
 * override their fills, visibility and names but not add, move or remove layers. Under dynamic-page the
 * synchronous `mainComponent` throws, as in Figma.
 */
export class InstanceNodeImpl extends withChildren(CornerNodeImpl) {
  constructor(doc: DocumentModel, id: string) {
    super(doc, 'INSTANCE', id, 'Instance')
    this[STATE].clipsContent = true
  }

  get clipsContent(): boolean {
    return this[STATE].clipsContent
  }

  get mainComponent(): never {
    throw new Error('in get_mainComponent: Cannot call with documentAccess: dynamic-page. Use node.getMainComponentAsync instead.')
  }

  async getMainComponentAsync(): Promise<BaseNodeImpl | null> {
    const id = this[STATE].mainComponentId
    return id ? this[STATE].doc.getById(id) : null
  }
}

export class SectionNodeImpl extends withChildren(CornerNodeImpl) {
  constructor(doc: DocumentModel, id: string) {
    super(doc, 'SECTION', id, 'Section')
    this[STATE].fills = WHITE
  }

  get sectionContentsHidden(): boolean {
    return false
  }
}

export class RectangleNodeImpl extends CornerNodeImpl {
  constructor(doc: DocumentModel, id: string) {
    super(doc, 'RECTANGLE', id, 'Rectangle')
    this[STATE].fills = SHAPE_GREY
  }
}

export class EllipseNodeImpl extends SceneNodeImpl {
  constructor(doc: DocumentModel, id: string) {
    super(doc, 'ELLIPSE', id, 'Ellipse')
    this[STATE].fills = SHAPE_GREY
  }
}

export class PageNodeImpl extends withChildren(BaseNodeImpl) {
  constructor(doc: DocumentModel, id: string) {
    super(doc, 'PAGE', id, 'Page 1')
  }

  /** Figma returns a fresh frozen array; setting validates and fires `selectionchange` asynchronously. */
  get selection(): readonly BaseNodeImpl[] {
    return Object.freeze([...this[STATE].selection])
  }

  set selection(value: readonly BaseNodeImpl[]) {
    this[STATE].doc.setSelection(value, 'set_selection')
  }

  get backgrounds(): readonly Paint[] {
    return CANVAS_GREY
  }

  async loadAsync(): Promise<void> {}
}

export class DocumentNodeImpl extends withChildren(BaseNodeImpl) {
  constructor(doc: DocumentModel, id: string) {
    super(doc, 'DOCUMENT', id, 'Kling Frames playground')
  }

  // Under "documentAccess": "dynamic-page", searching the whole document needs figma.loadAllPagesAsync() first.
  override findAll(callback?: (node: BaseNodeImpl) => boolean): BaseNodeImpl[] {
    requireAllPages(this, 'findAll')
    return super.findAll(callback)
  }

  override findOne(callback: (node: BaseNodeImpl) => boolean): BaseNodeImpl | null {
    requireAllPages(this, 'findOne')
    return super.findOne(callback)
  }

  override findAllWithCriteria(criteria: { types?: NodeType[] }): BaseNodeImpl[] {
    requireAllPages(this, 'findAllWithCriteria')
    return super.findAllWithCriteria(criteria)
  }
}

function requireAllPages(root: BaseNodeImpl, method: string): void {
  if (!root[STATE].doc.allPagesLoaded) {
    throw new Error(`in ${method}: Cannot call ${method} on the document with "documentAccess": "dynamic-page" before figma.loadAllPagesAsync()`)
  }
}

export type CreatableType = Extract<NodeType, 'FRAME' | 'RECTANGLE' | 'ELLIPSE' | 'SECTION' | 'COMPONENT'>

export const NODE_CLASSES = {
  DOCUMENT: DocumentNodeImpl,
  PAGE: PageNodeImpl,
  FRAME: FrameNodeImpl,
  RECTANGLE: RectangleNodeImpl,
  ELLIPSE: EllipseNodeImpl,
  SECTION: SectionNodeImpl,
  COMPONENT: ComponentNodeImpl,
  INSTANCE: InstanceNodeImpl,
} satisfies Record<NodeType, new (doc: DocumentModel, id: string) => BaseNodeImpl>
