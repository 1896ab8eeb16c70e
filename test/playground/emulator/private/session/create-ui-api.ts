/// <reference types="@figma/plugin-typings/plugin-api" />
/** figma.ui for one plugin run: the window's size and visibility, and messages both ways. */
import { strictObject } from '../not-emulated'
import type { PluginSession, SessionHost } from './plugin-session'

/** figma.ui.resize refuses to go narrower (figma-and-workers-notes.md §1.2). */
export const MIN_UI_WIDTH = 70

export function createUiApi(session: PluginSession, host: SessionHost, alive: () => boolean): UIAPI {
  return strictObject(
    'figma.ui',
    {
      show() {
        if (session.ui) session.ui.visible = true
        host.stateChanged()
      },
      hide() {
        if (session.ui) session.ui.visible = false
        host.stateChanged()
      },
      resize(width: number, height: number) {
        if (!Number.isFinite(width) || !Number.isFinite(height)) throw new Error('in resize: Expected width and height to be numbers')
        if (session.ui) {
          session.ui.width = Math.max(MIN_UI_WIDTH, Math.round(width))
          session.ui.height = Math.max(0, Math.round(height))
        }
        host.stateChanged()
      },
      close() {
        if (session.ui) session.ui.closed = true
        host.stateChanged()
      },
      postMessage(message: unknown) {
        if (session.closed || session.ui?.closed) return
        host.postToUI(structuredClone(message))
      },
      get onmessage() {
        return session.onmessage
      },
      set onmessage(handler: MessageEventHandler | undefined) {
        session.onmessage = handler
      },
      on(type: 'message', handler: MessageEventHandler) {
        if (type !== 'message') throw new Error(`in figma.ui.on: unknown event "${String(type)}"`)
        session.messageHandlers.add(handler)
      },
      once(type: 'message', handler: MessageEventHandler) {
        if (type !== 'message') throw new Error(`in figma.ui.once: unknown event "${String(type)}"`)
        const wrapped: MessageEventHandler = (message, props) => {
          session.messageHandlers.delete(wrapped)
          handler(message, props)
        }
        session.messageHandlers.add(wrapped)
      },
      off(type: 'message', handler: MessageEventHandler) {
        if (type === 'message') session.messageHandlers.delete(handler)
      },
    },
    alive,
  ) as unknown as UIAPI
}
