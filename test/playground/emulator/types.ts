/// <reference types="@figma/plugin-typings/plugin-api" />
/** The emulator's public types (CONTRACT.md), plus the additions the playground page and e2e tests need. */
import type { StringStorage } from './private/client-storage'
import type { ScenarioName } from './private/scenarios'
import type { ActiveNotification, NotificationRecord } from './private/session/notification-center'
import type { UiWindow } from './private/session/plugin-session'
import type { NodeSnapshot } from './private/snapshot'
import type { SavedDocument } from './private/document-file'

export type { ActiveNotification, NodeSnapshot, NotificationRecord, ScenarioName, StringStorage, UiWindow }
export type { FillSummary } from './private/snapshot'
export type { SavedDocument } from './private/document-file'

export interface FigmaEmulatorOptions {
  /** Backing store for figma.clientStorage: localStorage in the browser, an in-memory Map-backed object in Node. Values are JSON-serialised (Uint8Array supported by encoding). */
  storage?: StringStorage
  /** Renders a node for exportAsync. The browser page passes a canvas renderer that draws the node's fills (solid colours and image fills with their scaleMode) and children; the default (Node tests) returns a valid PNG (or JPEG for 'JPG') of the right pixel size filled with the node's first solid colour or grey. */
  render?: (node: SceneNode, size: { width: number; height: number }, format: 'PNG' | 'JPG') => Promise<Uint8Array>
  /** figma.command and the quick-action parameters the plugin is launched with. */
  command?: string
  parameters?: Record<string, string>
}

export interface ReopenOptions {
  /** The menu command of the new run (default: the previous run's). */
  command?: string
  parameters?: Record<string, string>
}

export interface FigmaEmulator {
  /** Implements the subset of @figma/plugin-typings' PluginAPI the plugin uses (cast to PluginAPI); members not emulated throw `Error('not emulated: <name>')`. After reopen() this is the new run's object. */
  readonly figma: PluginAPI
  /** figma.ui.postMessage(msg) from the plugin → every subscriber (the page forwards it into the UI iframe as {pluginMessage: msg}). Messages posted while nobody listens are queued for the first subscriber, as Figma queues them until the UI has loaded. */
  onUIMessage(listener: (message: unknown) => void): () => void
  /** A message from the UI (what the UI sends as parent.postMessage({pluginMessage: msg}, '*')), delivered to figma.ui.onmessage / figma.ui.on('message') handlers. */
  sendFromUI(message: unknown): void
  /** Called after any change to the document, selection, viewport or notifications, so the page can redraw. */
  onChange(listener: () => void): () => void
  /** Introspection for tests. */
  readonly notifications: readonly NotificationRecord[]
  /** Times figma.commitUndo() was called (all runs). */
  readonly undoCommits: number
  /** figma.closePlugin() called (or the user closed the plugin) in the current run. */
  readonly closed: boolean
  /** The current run's showUI call. */
  readonly showUI: { html: string; options?: ShowUIOptions } | null
  /** Loads a named scenario into a fresh page: 'empty' | 'placeholders' | 'expand' | 'reference'. */
  loadScenario(name: ScenarioName): void

  // Additions beyond the contract.

  /** Closes the running plugin as the user would (its `close` handlers run) and starts a new run on the same document, images and clientStorage. The old run's `figma` object throws on any use. */
  reopen(options?: ReopenOptions): void
  /** The current page node, readable whether or not the plugin runs (for drawing and assertions). */
  readonly page: PageNode
  /** The current run's plugin window (size, visibility, closed), or null before showUI. */
  readonly ui: Readonly<UiWindow> | null
  /** Notifications still on screen (the page shows them as toasts). */
  readonly activeNotifications: readonly ActiveNotification[]
  /** What the user does on the canvas; each fires the same events Figma would. */
  readonly user: {
    /** Replaces the selection by these node ids (unknown or removed ids throw). */
    select(ids: readonly string[]): void
    /** Deletes a node, as pressing Delete. */
    remove(id: string): void
    /** Closes the plugin window (the × button). */
    closePlugin(): void
  }
  /** Bytes and size of a stored image, e.g. to draw an image fill. */
  getImage(hash: string): { bytes: Uint8Array; width: number; height: number } | null
  /** Plain data for assertions: every node on the page, depth-first. */
  snapshot(): NodeSnapshot[]
  /** The document as JSON (nodes, ids, pluginData, images unless `withImages` is false), to keep a file across page loads. */
  saveDocument(withImages?: boolean): SavedDocument
  /** Replaces the page with a saved document, ids and pluginData included. */
  restoreDocument(saved: SavedDocument): void
}
