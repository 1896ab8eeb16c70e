import { describe, expect, it } from 'vitest'
import { createClient, createServer, RemoteError, type Envelope, type Handlers, type Transport } from '../../../shared/protocol/channel'
import type { Settings } from '../../../shared/protocol/messages'

/** Two transports joined back to back, delivering asynchronously like postMessage (structured clone included). */
function pipe(): [Transport, Transport] {
  const listeners: [Set<(m: unknown) => void>, Set<(m: unknown) => void>] = [new Set(), new Set()]
  const end = (mine: 0 | 1): Transport => ({
    post: (message: Envelope) => {
      const copy = structuredClone(message)
      setTimeout(() => listeners[1 - mine].forEach((l) => l(copy)), 0)
    },
    listen: (receive) => {
      listeners[mine].add(receive)
      return () => listeners[mine].delete(receive)
    },
  })
  return [end(0), end(1)]
}

const settings: Settings = { backendUrl: 'http://localhost:8787', token: 't', concurrency: 6, styleSuffix: '', exactFit: false }

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const fail = () => {
    throw new Error('not in this test')
  }
  return {
    loadSettings: () => settings,
    saveSettings: fail,
    getSelection: fail,
    exportNode: fail,
    place: fail,
    loadPendingJobs: () => [],
    savePendingJobs: fail,
    notify: fail,
    resizeUi: fail,
    ...overrides,
  }
}

describe('channel', () => {
  it('answers requests with the handler result, matched by id', async () => {
    const [ui, main] = pipe()
    createServer(main, handlers({ exportNode: async ({ nodeId }) => ({ bytes: new Uint8Array([nodeId.length]), width: 1, height: 1, mime: 'image/png' }) }))
    const client = createClient(ui)
    const [a, b] = await Promise.all([client.call('exportNode', { nodeId: '1:2' }), client.call('loadSettings')])
    expect(a.bytes).toEqual(new Uint8Array([3]))
    expect(b).toEqual(settings)
  })

  it('rejects the caller with the handler error as a RemoteError', async () => {
    const [ui, main] = pipe()
    createServer(main, handlers({ getSelection: () => { throw new Error('The node is gone') } }))
    const client = createClient(ui)
    const error = await client.call('getSelection').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RemoteError)
    expect((error as RemoteError).message).toBe('The node is gone')
    expect((error as RemoteError).code).toBe('handler_failed')
  })

  it('delivers events to subscribers until they unsubscribe', async () => {
    const [ui, main] = pipe()
    const server = createServer(main, handlers())
    const client = createClient(ui)
    const seen: string[] = []
    const off = client.on('command', (c) => seen.push(c.name))
    server.emit('command', { name: 'expand' })
    await new Promise((r) => setTimeout(r, 5))
    off()
    server.emit('command', { name: 'fill' })
    await new Promise((r) => setTimeout(r, 5))
    expect(seen).toEqual(['expand'])
  })

  it('ignores messages that are not ours', async () => {
    const [ui, main] = pipe()
    let calls = 0
    createServer(main, handlers({ loadSettings: () => (calls++, settings) }))
    ui.post({ channel: 'someone-else', type: 'request', id: 1, name: 'loadSettings', payload: undefined } as unknown as Envelope)
    await new Promise((r) => setTimeout(r, 5))
    expect(calls).toBe(0)
  })
})
