/**
 * A typed request/response channel over postMessage, used by both sides. Every message is an envelope tagged
 * with CHANNEL, so stray messages (Figma's own, browser extensions) are ignored. A handler that throws rejects
 * the caller's promise with a plain `{code, message}`, since postMessage drops Error prototypes.
 */
import type { MainEndpoints, MainEvents } from './messages'

export const CHANNEL = 'kling-frames/1'

export type EndpointName = keyof MainEndpoints
export type EndpointInput<K extends EndpointName> = Parameters<MainEndpoints[K]>[0]
export type EndpointOutput<K extends EndpointName> = ReturnType<MainEndpoints[K]>
export type EventName = keyof MainEvents

export interface ChannelError {
  code: string
  message: string
}

export type Envelope =
  | { channel: typeof CHANNEL; type: 'request'; id: number; name: EndpointName; payload: unknown }
  | { channel: typeof CHANNEL; type: 'response'; id: number; ok: true; result: unknown }
  | { channel: typeof CHANNEL; type: 'response'; id: number; ok: false; error: ChannelError }
  | { channel: typeof CHANNEL; type: 'event'; name: EventName; payload: unknown }

/** How one side sends, and subscribes to what arrives (returns an unsubscribe function). */
export interface Transport {
  post(message: Envelope): void
  listen(receive: (message: unknown) => void): () => void
}

export function isEnvelope(message: unknown): message is Envelope {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { channel?: unknown }).channel === CHANNEL &&
    typeof (message as { type?: unknown }).type === 'string'
  )
}

/** Thrown on the calling side when the other side's handler failed. */
export class RemoteError extends Error {
  constructor(readonly code: string, message: string) {
    super(message)
    this.name = 'RemoteError'
  }
}

/** The UI's end: call main-thread endpoints and listen to its events. */
export function createClient(transport: Transport) {
  let nextId = 1
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  const listeners = new Map<EventName, Set<(payload: never) => void>>()

  transport.listen((message) => {
    if (!isEnvelope(message)) return
    if (message.type === 'response') {
      const waiter = pending.get(message.id)
      if (!waiter) return
      pending.delete(message.id)
      if (message.ok) waiter.resolve(message.result)
      else waiter.reject(new RemoteError(message.error.code, message.error.message))
    } else if (message.type === 'event') {
      for (const listener of listeners.get(message.name) ?? []) listener(message.payload as never)
    }
  })

  return {
    call<K extends EndpointName>(
      name: K,
      ...payload: EndpointInput<K> extends void ? [] : [EndpointInput<K>]
    ): Promise<EndpointOutput<K>> {
      const id = nextId++
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
        transport.post({ channel: CHANNEL, type: 'request', id, name, payload: payload[0] })
      })
    },
    /** Subscribes to an event; returns the unsubscribe function (handy as a useEffect cleanup). */
    on<E extends EventName>(name: E, listener: (payload: MainEvents[E]) => void): () => void {
      const set = listeners.get(name) ?? new Set()
      set.add(listener as (payload: never) => void)
      listeners.set(name, set)
      return () => set.delete(listener as (payload: never) => void)
    },
  }
}

export type Client = ReturnType<typeof createClient>

export type Handlers = {
  [K in EndpointName]: (input: EndpointInput<K>) => EndpointOutput<K> | Promise<EndpointOutput<K>>
}

/** The main thread's end: serve every endpoint and emit events. */
export function createServer(transport: Transport, handlers: Handlers) {
  transport.listen(async (message) => {
    if (!isEnvelope(message) || message.type !== 'request') return
    const handler = handlers[message.name] as ((input: unknown) => unknown) | undefined
    try {
      if (!handler) throw new RemoteError('unknown_endpoint', `No endpoint named ${String(message.name)}`)
      const result = await handler(message.payload)
      transport.post({ channel: CHANNEL, type: 'response', id: message.id, ok: true, result })
    } catch (error) {
      const code = error instanceof RemoteError ? error.code : 'handler_failed'
      const text = error instanceof Error ? error.message : String(error)
      transport.post({ channel: CHANNEL, type: 'response', id: message.id, ok: false, error: { code, message: text } })
    }
  })
  return {
    emit<E extends EventName>(name: E, payload: MainEvents[E]): void {
      transport.post({ channel: CHANNEL, type: 'event', name, payload })
    },
  }
}
