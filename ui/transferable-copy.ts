/**
 * A message for postMessage with every Uint8Array in it replaced by a copy of its own, plus those copies' buffers
 * to transfer. A receiver in another origin (Figma's window, the playground page) deserializes a copied 300 KB
 * Uint8Array on its main thread in about 30 ms, a transferred one at once; copying here first is a memcpy, and keeps
 * postMessage's copy semantics for the sender, whose bytes stay usable. Walks plain objects and arrays only (all a
 * protocol message holds).
 */
export function transferableCopy<T>(message: T): { message: T; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = []
  const copy = (value: unknown): unknown => {
    if (value instanceof Uint8Array) {
      const own = value.slice()
      transfer.push(own.buffer)
      return own
    }
    if (Array.isArray(value)) return value.map(copy)
    if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, copy(inner)]))
    }
    return value
  }
  return { message: copy(message) as T, transfer }
}
