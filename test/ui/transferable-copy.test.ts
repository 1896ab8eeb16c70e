import { describe, expect, it } from 'vitest'
import { transferableCopy } from '../../ui/transferable-copy'

describe('transferableCopy', () => {
  it('copies every Uint8Array, at any depth, into a buffer of its own to transfer', () => {
    const backing = new Uint8Array([9, 1, 2, 3, 9])
    const first = backing.subarray(1, 4)
    const second = new Uint8Array([4, 5])
    const envelope = { channel: 'c', id: 1, payload: { images: [{ bytes: first, width: 2, height: 1 }, { bytes: second, width: 1, height: 1 }], meta: { prompt: 'p', n: null } } }

    const { message, transfer } = transferableCopy(envelope)

    const [a, b] = message.payload.images
    expect([...a.bytes]).toEqual([1, 2, 3])
    expect([...b.bytes]).toEqual([4, 5])
    expect(transfer).toEqual([a.bytes.buffer, b.bytes.buffer])
    // Whole buffers of their own: transferring them moves exactly the image, and never the sender's memory.
    expect(a.bytes.buffer.byteLength).toBe(3)
    expect(a.bytes.buffer).not.toBe(backing.buffer)
    expect(message.payload.meta).toEqual({ prompt: 'p', n: null })
    expect(message.channel).toBe('c')
  })

  it('leaves the sender its bytes after the copies are transferred', () => {
    const bytes = new Uint8Array([1, 2, 3])
    const { transfer } = transferableCopy({ bytes })
    structuredClone(null, { transfer })
    expect(transfer[0].byteLength).toBe(0)
    expect([...bytes]).toEqual([1, 2, 3])
  })

  it('sends a message without bytes unchanged and transfers nothing', () => {
    const envelope = { channel: 'c', type: 'request', id: 2, name: 'savePendingJobs', payload: [{ jobId: 'j', placed: [0, 1] }] }
    expect(transferableCopy(envelope)).toEqual({ message: envelope, transfer: [] })
  })
})
