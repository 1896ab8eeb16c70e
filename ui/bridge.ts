/**
 * The UI's end of the typed UI↔main channel, over the iframe's postMessage. Figma wraps what main sends in
 * `{pluginMessage}` and expects the same wrapping from us.
 */
import { createClient, type Client, type Transport } from '../shared/protocol/channel'
import type { Command } from '../shared/protocol/messages'
import { transferableCopy } from './transferable-copy'

export const postMessageTransport: Transport = {
  post(envelope) {
    // Image bytes go by transfer: see transferableCopy.
    const { message, transfer } = transferableCopy(envelope)
    parent.postMessage({ pluginMessage: message }, '*', transfer)
  },
  listen(receive) {
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { pluginMessage?: unknown } | null
      if (data && typeof data === 'object' && 'pluginMessage' in data) receive(data.pluginMessage)
    }
    window.addEventListener('message', onMessage)
    return () => window.removeEventListener('message', onMessage)
  },
}

export type Bridge = Client

/**
 * The client, plus the commands that arrived before the panel subscribed (main may send the launch command
 * the moment the iframe loads).
 */
export function createBridge(transport: Transport = postMessageTransport) {
  const client = createClient(transport)
  const early: Command[] = []
  let stopBuffering: (() => void) | null = client.on('command', (command) => early.push(command))
  return {
    client,
    /** Hands over the buffered commands and stops buffering; later ones go to the panel's own listener. */
    takeEarlyCommands(): Command[] {
      stopBuffering?.()
      stopBuffering = null
      return early.splice(0)
    },
  }
}

export type BridgeHandle = ReturnType<typeof createBridge>
