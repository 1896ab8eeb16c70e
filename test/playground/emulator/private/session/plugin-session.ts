/// <reference types="@figma/plugin-typings/plugin-api" />
/**
 * One run of the plugin: its `figma` object, event handlers, UI window and message handlers. The document,
 * images, storage, viewport and notifications belong to the emulator and outlive a run; reopening the plugin
 * starts a new session and the old one's `figma` refuses all use (in Figma its sandbox would be gone).
 */
import { base64Decode, base64Encode } from '../codecs/base64'
import type { DocumentModel } from '../document-model'
import { notEmulated, strictObject } from '../not-emulated'
import type { BaseNodeImpl } from '../nodes/base-node'
import type { CreatableType } from '../nodes/node-types'
import { createFigmaUtil } from './figma-util'
import { createParametersApi } from './create-parameters-api'
import { createUiApi, MIN_UI_WIDTH } from './create-ui-api'
import { createViewportApi } from './create-viewport-api'
import type { NotificationCenter } from './notification-center'
import type { ViewportModel } from './viewport-model'

export interface SessionHost {
  readonly doc: DocumentModel
  readonly clientStorage: ClientStorageAPI
  readonly notifications: NotificationCenter
  readonly viewport: ViewportModel
  readonly mixed: symbol
  /** A message the plugin posted to its UI (already cloned). */
  postToUI(message: unknown): void
  /** The UI window or the run's open/closed state changed. */
  stateChanged(): void
  commitUndo(): void
}

/** The plugin's UI window as the page shows it. */
export interface UiWindow {
  visible: boolean
  width: number
  height: number
  title: string
  /** figma.ui.close() or the plugin closed. */
  closed: boolean
}

type EventName = 'selectionchange' | 'currentpagechange' | 'close' | 'run' | 'drop'
const EVENTS: readonly string[] = ['selectionchange', 'currentpagechange', 'close', 'run', 'drop']
/** Figma's default plugin window size (ShowUIOptions docs). */
const DEFAULT_UI = { width: 300, height: 200 }

let nextSessionId = 1

export class PluginSession {
  readonly id = nextSessionId++
  readonly api: PluginAPI
  alive = true
  closed = false
  showUI: { html: string; options?: ShowUIOptions } | null = null
  ui: UiWindow | null = null

  private readonly handlers = new Map<EventName, Set<(...args: unknown[]) => void>>()
  /** figma.ui.on('message') handlers and figma.ui.onmessage (see create-ui-api.ts). */
  readonly messageHandlers = new Set<MessageEventHandler>()
  onmessage: MessageEventHandler | undefined
  private runDispatched = false
  private skipInvisible = false

  constructor(
    private readonly host: SessionHost,
    readonly command: string,
    readonly parameters: Record<string, string> | undefined,
  ) {
    this.api = this.buildApi()
  }

  /** A message from the UI (the `pluginMessage` of its parent.postMessage), cloned and delivered asynchronously. */
  deliverFromUI(message: unknown): void {
    if (!this.alive || this.closed) return
    const copy = structuredClone(message)
    void Promise.resolve().then(() => {
      if (!this.alive || this.closed) return
      const props: OnMessageProperties = { origin: 'null' }
      this.onmessage?.(copy, props)
      for (const handler of [...this.messageHandlers]) handler(copy, props)
    })
  }

  selectionChanged(): void {
    this.emitAsync('selectionchange')
  }

  /** figma.closePlugin(), or the user closing the plugin window. */
  close(message?: string): void {
    if (this.closed) return
    if (message !== undefined) this.host.notifications.notify(String(message), undefined, null)
    this.emit('close')
    this.closed = true
    if (this.ui) this.ui.closed = true
    this.host.notifications.closeRun(this.id)
    this.host.stateChanged()
  }

  /** Replaced by a new run: the old `figma` object throws on every use from now on. */
  end(): void {
    this.alive = false
  }

  private emit(type: EventName, ...args: unknown[]): void {
    for (const handler of [...(this.handlers.get(type) ?? [])]) handler(...args)
  }

  private emitAsync(type: EventName, ...args: unknown[]): void {
    void Promise.resolve().then(() => {
      if (this.alive && !this.closed) this.emit(type, ...args)
    })
  }

  private on(type: unknown, handler: unknown, once: boolean): void {
    if (type === 'documentchange') notEmulated("figma.on('documentchange')")
    if (!EVENTS.includes(String(type))) notEmulated(`figma.on('${String(type)}')`)
    if (typeof handler !== 'function') throw new Error(`in on: Expected "callback" to be a function`)
    const set = this.handlers.get(type as EventName) ?? new Set()
    this.handlers.set(type as EventName, set)
    const wrapped = once
      ? Object.assign((...args: unknown[]) => {
          set.delete(wrapped)
          ;(handler as (...a: unknown[]) => void)(...args)
        }, { original: handler })
      : (handler as (...args: unknown[]) => void)
    set.add(wrapped)
    // `run` fires once, after the plugin's top-level code has registered its handlers (Figma: "immediately after
    // launch" for plugins without parameters).
    if (type === 'run' && !this.runDispatched) {
      this.runDispatched = true
      const event: RunEvent = { command: this.command, parameters: this.parameters }
      this.emitAsync('run', event)
    }
  }

  private off(type: unknown, handler: unknown): void {
    const set = this.handlers.get(type as EventName)
    if (!set) return
    for (const h of set) if (h === handler || (h as { original?: unknown }).original === handler) set.delete(h)
  }

  private createNode(type: CreatableType): BaseNodeImpl {
    const { doc } = this.host
    const node = doc.create(type)
    ;(doc.page as unknown as ChildrenMixin).appendChild(node as unknown as SceneNode)
    return node
  }

  private buildApi(): PluginAPI {
    const session = this
    const host = this.host
    const { doc } = host
    const alive = () => session.alive

    const ui = createUiApi(session, host, alive)
    const viewport = createViewportApi(host.viewport, alive)
    const parameters = createParametersApi(alive)

    const api = {
      get apiVersion() {
        return '1.0.0' as const
      },
      get editorType() {
        return 'figma' as const
      },
      get mode() {
        return 'default' as const
      },
      get command() {
        return session.command
      },
      get pluginId() {
        return 'kling-frames-playground'
      },
      get mixed() {
        return host.mixed
      },
      get skipInvisibleInstanceChildren() {
        return session.skipInvisible
      },
      set skipInvisibleInstanceChildren(value: boolean) {
        session.skipInvisible = Boolean(value)
      },
      get root() {
        return doc.root
      },
      get currentPage() {
        return doc.page
      },
      set currentPage(_page: unknown) {
        throw new Error('Cannot set figma.currentPage with "documentAccess": "dynamic-page". Use await figma.setCurrentPageAsync(page) instead.')
      },
      async setCurrentPageAsync(page: unknown) {
        if (page !== doc.page) throw new Error('in setCurrentPageAsync: Expected a page of this document')
      },
      async loadAllPagesAsync() {
        doc.allPagesLoaded = true
      },
      on(type: string, handler: unknown) {
        session.on(type, handler, false)
      },
      once(type: string, handler: unknown) {
        session.on(type, handler, true)
      },
      off(type: string, handler: unknown) {
        session.off(type, handler)
      },
      parameters,
      getNodeById(_id: string): never {
        throw new Error('in getNodeById: Cannot call with documentAccess: dynamic-page. Use figma.getNodeByIdAsync instead.')
      },
      async getNodeByIdAsync(id: string) {
        if (typeof id !== 'string') throw new Error('in getNodeByIdAsync: Expected "id" to be a string')
        return doc.getById(id)
      },
      createFrame: () => session.createNode('FRAME'),
      createRectangle: () => session.createNode('RECTANGLE'),
      createEllipse: () => session.createNode('ELLIPSE'),
      createSection: () => session.createNode('SECTION'),
      createComponent: () => session.createNode('COMPONENT'),
      createImage(data: Uint8Array) {
        return doc.images.handle(doc.images.create(data))
      },
      async createImageAsync(src: string) {
        const response = await fetch(src)
        if (!response.ok) throw new Error(`in createImageAsync: ${response.status} ${response.statusText} for ${src}`)
        return doc.images.handle(doc.images.create(new Uint8Array(await response.arrayBuffer())))
      },
      getImageByHash(hash: string) {
        const image = doc.images.get(hash)
        return image ? doc.images.handle(image) : null
      },
      clientStorage: strictObject('figma.clientStorage', host.clientStorage, alive),
      notify(message: string, options?: NotificationOptions) {
        return host.notifications.notify(message, options, session.id)
      },
      viewport,
      commitUndo() {
        host.commitUndo()
      },
      showUI(html: string, options?: ShowUIOptions) {
        if (typeof html !== 'string') throw new Error('in showUI: Expected "html" to be a string')
        if (session.showUI) throw new Error('in showUI: showUI was already called in this plugin run')
        session.showUI = options === undefined ? { html } : { html, options: { ...options } }
        session.ui = {
          visible: options?.visible ?? true,
          width: Math.max(MIN_UI_WIDTH, Math.round(options?.width ?? DEFAULT_UI.width)),
          height: Math.max(0, Math.round(options?.height ?? DEFAULT_UI.height)),
          title: options?.title ?? 'Kling Frames',
          closed: false,
        }
        host.stateChanged()
      },
      ui,
      closePlugin(message?: string) {
        session.close(message)
      },
      base64Encode(data: Uint8Array) {
        return base64Encode(data)
      },
      base64Decode(data: string) {
        return base64Decode(data)
      },
      async loadFontAsync(font: FontName) {
        if (typeof font?.family !== 'string' || typeof font?.style !== 'string') {
          throw new Error('in loadFontAsync: Expected a FontName {family, style}')
        }
      },
      util: strictObject('figma.util', createFigmaUtil(), alive),
    }
    return strictObject('figma', api, alive) as unknown as PluginAPI
  }
}
