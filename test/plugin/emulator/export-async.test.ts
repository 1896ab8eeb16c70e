import { inflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { createFigmaEmulator } from '../../playground/emulator'

function pngSize(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

/** Decodes our own PNGs (RGB, filters None/Sub/Up) far enough to read the first pixel. */
function firstPixel(bytes: Uint8Array): number[] {
  const idat = Buffer.from(bytes).indexOf('IDAT')
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(idat - 4)
  const raw = inflateSync(bytes.subarray(idat + 4, idat + 4 + length))
  return [raw[1], raw[2], raw[3]]
}

function jpegSize(bytes: Uint8Array) {
  const sof = Buffer.from(bytes).indexOf(Buffer.from([0xff, 0xc0]))
  return { height: (bytes[sof + 5] << 8) | bytes[sof + 6], width: (bytes[sof + 7] << 8) | bytes[sof + 8] }
}

describe('exportAsync (default renderer)', () => {
  it.each([
    [undefined, { width: 1600, height: 900 }],
    [{ type: 'SCALE', value: 0.5 }, { width: 800, height: 450 }],
    [{ type: 'WIDTH', value: 1024 }, { width: 1024, height: 576 }],
    [{ type: 'HEIGHT', value: 300 }, { width: 533, height: 300 }],
  ] as const)('sizes a 1600x900 PNG export by %o', async (constraint, expected) => {
    const { figma } = createFigmaEmulator()
    const frame = figma.createFrame()
    frame.resize(1600, 900)
    const bytes = await frame.exportAsync(constraint ? { format: 'PNG', constraint } : undefined)
    expect(Array.from(bytes.subarray(1, 4), (c) => String.fromCharCode(c)).join('')).toBe('PNG')
    expect(pngSize(bytes)).toEqual(expected)
  })

  it('paints the first solid fill', async () => {
    const { figma } = createFigmaEmulator()
    const rect = figma.createRectangle()
    rect.fills = [{ type: 'SOLID', color: { r: 1, g: 0.5, b: 0 } }]
    expect(firstPixel(await rect.exportAsync({ format: 'PNG' }))).toEqual([255, 128, 0])
  })

  it('exports real JPEG bytes for format JPG', async () => {
    const { figma } = createFigmaEmulator()
    const frame = figma.createFrame()
    frame.resize(1000, 500)
    const bytes = await frame.exportAsync({ format: 'JPG', constraint: { type: 'WIDTH', value: 400 } })
    expect([bytes[0], bytes[1], bytes[2]]).toEqual([0xff, 0xd8, 0xff])
    expect(jpegSize(bytes)).toEqual({ width: 400, height: 200 })
  })

  it('hands the node and pixel size to a custom renderer', async () => {
    const calls: unknown[] = []
    const { figma } = createFigmaEmulator({
      render: async (node, size, format) => {
        calls.push([node.name, size, format])
        return new Uint8Array([1, 2, 3])
      },
    })
    const frame = figma.createFrame()
    frame.name = 'Hero'
    expect(await frame.exportAsync({ format: 'JPG', constraint: { type: 'SCALE', value: 2 } })).toEqual(new Uint8Array([1, 2, 3]))
    expect(calls).toEqual([['Hero', { width: 200, height: 200 }, 'JPG']])
  })

  it('rejects formats it does not emulate and bad constraints', async () => {
    const { figma } = createFigmaEmulator()
    const frame = figma.createFrame()
    await expect(frame.exportAsync({ format: 'SVG' })).rejects.toThrow('not emulated')
    await expect(frame.exportAsync({ format: 'PNG', constraint: { type: 'SCALE', value: 0 } })).rejects.toThrow(/positive/)
  })
})
