// Main thread: the channel transport over figma.ui, which holds events until the UI is listening.
import { isEnvelope, type Envelope, type Transport } from '../shared/protocol/channel'

/**
 * Sends with figma.ui.postMessage and receives through figma.ui.on('message'). Events posted before the UI's first
 * request (the launch command, selection changes while the iframe loads) would reach a UI with no listener yet, so
 * they wait and go out just before that request is served; of queued selection events only the latest is kept.
 */
export function createUiTransport(): Transport {
  let uiListening = false
  let held: Envelope[] = []
  return {
    post(message) {
      if (uiListening || message.type !== 'event') {
        figma.ui.postMessage(message)
        return
      }
      if (message.name === 'selection') held = held.filter((e) => e.type !== 'event' || e.name !== 'selection')
      held.push(message)
    },
    listen(receive) {
      const handler = (message: unknown) => {
        if (!uiListening && isEnvelope(message) && message.type === 'request') {
          uiListening = true
          for (const event of held) figma.ui.postMessage(event)
          held = []
        }
        receive(message)
      }
      figma.ui.on('message', handler)
      return () => figma.ui.off('message', handler)
    },
  }
}
