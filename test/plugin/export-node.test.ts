import { describe, expect, it } from 'vitest'
import { LIMITS } from '../../shared/api/limits'
import { RemoteError } from '../../shared/protocol/channel'
import { imageInfo } from '../../shared/image/image-info'
import { solidPng } from './fixtures/png'
import { addFrame, imagePaint, startPlugin } from './harness'

const SOLID_RED: SolidPaint = { type: 'SOLID', color: { r: 1, g: 0, b: 0 } }

describe('exportNode sizing', () => {
  it.each([
    { size: [4000, 3000], expected: [2048, 1536], why: 'the long side comes down to 2048' },
    { size: [3000, 4000], expected: [1536, 2048], why: 'portrait too' },
    { size: [100, 100], expected: [300, 300], why: 'the short side goes up to 300' },
    { size: [1000, 120], expected: [2048, 246], why: 'a wide strip is capped by its long side' },
    { size: [200, 200], expected: [400, 400], why: 'small nodes are exported @2x' },
    { size: [1024, 768], expected: [2048, 1536], why: 'up to 2x within the 2048 px cap' },
    { size: [1600, 900], expected: [2048, 1152], why: 'less than 2x where 2x would pass 2048' },
    { size: [5000, 400], expected: [2048, 164], why: 'the long side wins when both cannot hold' },
  ])('$size.0x$size.1 exports $expected.0x$expected.1: $why', async ({ size, expected }) => {
    const run = await startPlugin()
    const frame = addFrame(run.figma, { name: 'Subject', width: size[0], height: size[1] })
    const result = await run.client.call('exportNode', { nodeId: frame.id })
    expect([result.width, result.height]).toEqual(expected)
    expect(imageInfo(result.bytes)).toMatchObject({ width: expected[0], height: expected[1] })
  })

  it('exports smaller until the file is under 10 MB', async () => {
    const sizes: number[][] = []
    const run = await startPlugin({
      // Files of 4 bytes a pixel: 2048x1536 is 12.6 MB.
      render: async (_node, { width, height }) => {
        sizes.push([width, height])
        return solidPng(width, height, { padTo: width * height * 4 })
      },
    })
    const frame = addFrame(run.figma, { name: 'Huge', width: 4000, height: 3000 })
    const result = await run.client.call('exportNode', { nodeId: frame.id, format: 'png' })
    expect(sizes[0]).toEqual([2048, 1536])
    expect(sizes.length).toBeGreaterThan(1)
    expect(result.bytes.length).toBeLessThanOrEqual(LIMITS.image_max_bytes)
    expect(result.width / result.height).toBeCloseTo(4 / 3, 2)
    expect(sizes.at(-1)).toEqual([result.width, result.height])
  })
})

describe('exportNode format', () => {
  it('is JPEG for an opaque frame', async () => {
    const run = await startPlugin()
    const frame = addFrame(run.figma, { name: 'Opaque', width: 800, height: 600, fills: [SOLID_RED] })
    const result = await run.client.call('exportNode', { nodeId: frame.id })
    expect(result.mime).toBe('image/jpeg')
    expect(imageInfo(result.bytes)?.format).toBe('jpeg')
  })

  it('is PNG when asked for PNG', async () => {
    const run = await startPlugin()
    const frame = addFrame(run.figma, { name: 'Opaque', width: 800, height: 600, fills: [SOLID_RED] })
    const result = await run.client.call('exportNode', { nodeId: frame.id, format: 'png' })
    expect(result.mime).toBe('image/png')
    expect(imageInfo(result.bytes)?.format).toBe('png')
  })

  it('is JPEG for a frame showing an image without alpha, PNG when its image has alpha', async () => {
    const run = await startPlugin()
    const opaque = run.figma.createImage(solidPng(400, 300)).hash
    const alpha = run.figma.createImage(solidPng(400, 300, { alpha: true })).hash
    const keyed = run.figma.createImage(solidPng(400, 300, { transparentGrey: true })).hash
    const photo = addFrame(run.figma, { name: 'Photo', width: 400, height: 300, fills: [imagePaint(opaque)] })
    const cutout = addFrame(run.figma, { name: 'Cutout', width: 400, height: 300, fills: [imagePaint(alpha)] })
    const keyedOut = addFrame(run.figma, { name: 'Keyed', width: 400, height: 300, fills: [imagePaint(keyed)] })
    expect((await run.client.call('exportNode', { nodeId: photo.id })).mime).toBe('image/jpeg')
    expect((await run.client.call('exportNode', { nodeId: cutout.id })).mime).toBe('image/png')
    expect((await run.client.call('exportNode', { nodeId: keyedOut.id })).mime).toBe('image/png')
  })

  it('is PNG whenever transparency is possible', async () => {
    const run = await startPlugin()
    const empty = addFrame(run.figma, { name: 'No fill', width: 400, height: 300, fills: [] })
    const faded = addFrame(run.figma, { name: 'Faded', width: 400, height: 300, fills: [SOLID_RED] })
    faded.opacity = 0.5
    const rounded = addFrame(run.figma, { name: 'Rounded', width: 400, height: 300, fills: [SOLID_RED] })
    rounded.cornerRadius = 16
    const seeThrough = addFrame(run.figma, { name: 'See-through fill', width: 400, height: 300, fills: [{ ...SOLID_RED, opacity: 0.4 }] })
    const ellipse = run.figma.createEllipse()
    ellipse.fills = [SOLID_RED]
    for (const node of [empty, faded, rounded, seeThrough, ellipse]) {
      expect((await run.client.call('exportNode', { nodeId: node.id })).mime, node.name).toBe('image/png')
    }
  })
})

describe('exportNode of an image shown FIT', () => {
  it('sends the image file alone, to be drawn at its shown size, without creating any layer', async () => {
    const run = await startPlugin()
    const file = solidPng(1024, 768)
    const hash = run.figma.createImage(file).hash
    const frame = addFrame(run.figma, { name: 'Letterbox', width: 1600, height: 900, fills: [imagePaint(hash, 'FIT')] })
    const before = run.emulator.snapshot()
    let changes = 0
    await new Promise((resolve) => setTimeout(resolve, 0))
    const stop = run.emulator.onChange(() => changes++)
    const result = await run.client.call('exportNode', { nodeId: frame.id })
    await new Promise((resolve) => setTimeout(resolve, 0))
    stop()
    // Shown at 1200x900 inside the frame: drawn by the panel at that size, @2x within 2048 px, from the original bytes.
    expect(result).toMatchObject({ width: 2048, height: 1536, mime: 'image/png', draw: { rotation: 0 } })
    expect([...result.bytes]).toEqual([...file])
    expect(changes, 'the document was changed while exporting (a temporary layer?)').toBe(0)
    expect(run.emulator.snapshot()).toEqual(before)
  })

  it('passes the quarter turn of a rotated image, with the shown size', async () => {
    const run = await startPlugin()
    const hash = run.figma.createImage(solidPng(800, 400)).hash
    const frame = addFrame(run.figma, { name: 'Turned', width: 1000, height: 1000, fills: [{ ...imagePaint(hash, 'FIT'), rotation: 90 }] })
    const result = await run.client.call('exportNode', { nodeId: frame.id })
    // Turned, the 800x400 image is 400x800, shown 500x1000 in the frame: 1000x2000 @2x.
    expect(result).toMatchObject({ width: 1000, height: 2000, draw: { rotation: 90 } })
  })
})

describe('exportNode errors', () => {
  it('rejects a node that no longer exists', async () => {
    const run = await startPlugin({ scenario: 'reference' })
    const id = run.node('Reference').id
    run.emulator.user.remove(id)
    const failure = run.client.call('exportNode', { nodeId: id })
    await expect(failure).rejects.toBeInstanceOf(RemoteError)
    await expect(failure).rejects.toMatchObject({ code: 'node_not_found' })
  })
})
