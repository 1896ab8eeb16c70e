/// <reference types="@figma/plugin-typings/plugin-api" />
/** Wires the document, shared services and the current plugin run into the FigmaEmulator contract. */
import { createClientStorage, createMemoryStorage } from './private/client-storage'
import { defaultRender } from './private/default-render'
import { DocumentModel } from './private/document-model'
import { loadScenario } from './private/scenarios'
import { NotificationCenter } from './private/session/notification-center'
import { PluginSession, type SessionHost } from './private/session/plugin-session'
import { ViewportModel } from './private/session/viewport-model'
import { snapshotDocument } from './private/snapshot'
import { restoreDocument, saveDocument } from './private/document-file'
import type { FigmaEmulator, FigmaEmulatorOptions } from './types'

/** One `figma.mixed` for all runs, as in Figma. */
const MIXED: unique symbol = Symbol('figma.mixed')

export function createFigmaEmulator(options: FigmaEmulatorOptions = {}): FigmaEmulator {
  const doc = new DocumentModel(options.render ?? defaultRender)
  const changed = () => doc.changed()
  const uiListeners = new Set<(message: unknown) => void>()
  let queued: unknown[] = []
  let undoCommits = 0

  const host: SessionHost = {
    doc,
    clientStorage: createClientStorage(options.storage ?? createMemoryStorage()),
    notifications: new NotificationCenter(changed),
    viewport: new ViewportModel(changed),
    mixed: MIXED,
    postToUI(message) {
      if (uiListeners.size === 0) {
        queued.push(message)
        return
      }
      const listeners = [...uiListeners]
      void Promise.resolve().then(() => listeners.forEach((listener) => listener(message)))
    },
    stateChanged: changed,
    commitUndo() {
      undoCommits++
    },
  }

  let session = new PluginSession(host, options.command ?? '', options.parameters)
  doc.onSelectionChange = () => session.selectionChanged()

  const nodeById = (id: string) => {
    const node = doc.getById(id)
    if (!node) throw new Error(`No node with id "${id}" on the page`)
    return node
  }

  return {
    get figma() {
      return session.api
    },
    onUIMessage(listener) {
      uiListeners.add(listener)
      if (queued.length > 0) {
        const backlog = queued
        queued = []
        void Promise.resolve().then(() => backlog.forEach((message) => listener(message)))
      }
      return () => uiListeners.delete(listener)
    },
    sendFromUI(message) {
      session.deliverFromUI(message)
    },
    onChange(listener) {
      return doc.onChange(listener)
    },
    get notifications() {
      return host.notifications.records
    },
    get undoCommits() {
      return undoCommits
    },
    get closed() {
      return session.closed
    },
    get showUI() {
      return session.showUI
    },
    loadScenario(name) {
      loadScenario(doc, name)
      host.viewport.scrollAndZoomIntoView(doc.sceneNodes().filter((n) => n.parent === doc.page))
    },
    reopen(reopenOptions = {}) {
      session.close()
      session.end()
      queued = []
      const command = reopenOptions.command ?? session.command
      const parameters = reopenOptions.command === undefined ? (reopenOptions.parameters ?? session.parameters) : reopenOptions.parameters
      session = new PluginSession(host, command, parameters)
      changed()
    },
    get page() {
      return doc.page as unknown as PageNode
    },
    get ui() {
      return session.ui
    },
    get activeNotifications() {
      return host.notifications.active
    },
    user: {
      select(ids) {
        doc.setSelection(ids.map(nodeById), 'select')
      },
      remove(id) {
        doc.removeNode(nodeById(id))
      },
      closePlugin() {
        session.close()
      },
    },
    getImage(hash) {
      const image = doc.images.get(hash)
      return image ? { bytes: image.bytes, width: image.width, height: image.height } : null
    },
    snapshot() {
      return snapshotDocument(doc)
    },
    saveDocument(withImages = true) {
      return saveDocument(doc, withImages)
    },
    restoreDocument(saved) {
      restoreDocument(doc, saved)
      host.viewport.scrollAndZoomIntoView(doc.sceneNodes().filter((n) => n.parent === doc.page))
    },
  }
}
