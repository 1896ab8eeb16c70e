/**
 * A pass-through stream that keeps a copy of the first `headBytes` and the last `tailBytes` of a body while it flows
 * on unchanged, so that a result image's type, size and end can be checked without reading it back from storage.
 * Chunks are passed on as they are (no copy of the body itself).
 */
export class BodyWatch {
  readonly stream: TransformStream<Uint8Array, Uint8Array>
  /** Bytes seen so far. */
  total = 0
  private readonly headParts: Uint8Array[] = []
  private headLength = 0
  private tailBytes: Uint8Array = new Uint8Array(0)

  constructor(
    private readonly headMax: number,
    private readonly tailMax: number,
  ) {
    this.stream = new TransformStream({
      transform: (chunk, controller) => {
        this.see(chunk)
        controller.enqueue(chunk)
      },
    })
  }

  /** Notes a chunk (the stream calls this; a body read whole is passed here directly). */
  see(chunk: Uint8Array): void {
    this.total += chunk.length
    if (this.headLength < this.headMax) {
      const part = chunk.slice(0, this.headMax - this.headLength)
      this.headParts.push(part)
      this.headLength += part.length
    }
    if (chunk.length >= this.tailMax) this.tailBytes = chunk.slice(chunk.length - this.tailMax)
    else {
      const joined = new Uint8Array(this.tailBytes.length + chunk.length)
      joined.set(this.tailBytes)
      joined.set(chunk, this.tailBytes.length)
      this.tailBytes = joined.slice(Math.max(0, joined.length - this.tailMax))
    }
  }

  /** The first bytes of the body (at most `headMax`). */
  head(): Uint8Array {
    if (this.headParts.length === 1) return this.headParts[0]
    const head = new Uint8Array(this.headLength)
    let at = 0
    for (const part of this.headParts) {
      head.set(part, at)
      at += part.length
    }
    return head
  }

  /** The last bytes of the body (at most `tailMax`). */
  tail(): Uint8Array {
    return this.tailBytes
  }
}
