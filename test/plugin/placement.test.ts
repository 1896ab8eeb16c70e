import { describe, expect, it } from 'vitest'
import type { ImageBytes, PlacementMeta, PlaceRequest } from '../../shared/protocol/messages'
import { solidPng } from './fixtures/png'
import { addFrame, imagePaint, startPlugin, type PluginRun } from './harness'

const META: PlacementMeta = { jobId: 'job_01TEST', operation: 'generate', prompt: 'A lighthouse at dusk', model: 'kling-v3', aspectRatio: '16:9' }

function image(width: number, height: number): ImageBytes {
  return { bytes: solidPng(width, height), width, height }
}

function imageFills(run: PluginRun, id: string) {
  return run.emulator.snapshot().find((n) => n.id === id)?.fills.filter((f) => f.type === 'IMAGE')
}

async function place(run: PluginRun, request: Partial<PlaceRequest> & Pick<PlaceRequest, 'placement' | 'images'>) {
  return run.client.call('place', { meta: META, ...request })
}

describe('place new-frames', () => {
  it('adds one frame per image at the image size, named after the prompt, in a row starting at the origin of an empty page', async () => {
    const run = await startPlugin()
    const result = await place(run, { placement: { kind: 'new-frames' }, images: [image(1360, 768), image(1360, 768)] })
    expect(result.skipped).toEqual([])
    const frames = result.placedNodeIds.map((id) => run.emulator.snapshot().find((n) => n.id === id)!)
    expect(frames.map((f) => [f.name, f.type, f.x, f.y, f.width, f.height, f.parentId])).toEqual([
      ['A lighthouse at dusk', 'FRAME', 0, 0, 1360, 768, run.emulator.page.id],
      ['A lighthouse at dusk', 'FRAME', 1400, 0, 1360, 768, run.emulator.page.id],
    ])
    for (const frame of frames) {
      expect(frame.fills).toEqual([expect.objectContaining({ type: 'IMAGE', scaleMode: 'FILL', imageWidth: 1360, imageHeight: 768 })])
    }
  })

  it('puts the row to the right of the page content, top-aligned with it', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    const result = await place(run, { placement: { kind: 'new-frames' }, images: [image(1024, 1024)] })
    // The placeholders span x 0..4600 and start at y 0.
    expect(run.figma.currentPage.findOne((n) => n.id === result.placedNodeIds[0])).toMatchObject({ x: 4680, y: 0 })
  })

  it('selects the new frames and brings them into view', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    const result = await place(run, { placement: { kind: 'new-frames' }, images: [image(1360, 768), image(1360, 768)] })
    expect(run.figma.currentPage.selection.map((n) => n.id)).toEqual(result.placedNodeIds)
    // The row spans x 4680..7440 (two 1360 px frames 40 px apart) and y 0..768.
    expect(run.figma.viewport.center).toEqual({ x: 6060, y: 384 })
  })

  it('names frames after a long prompt cut to about 60 characters', async () => {
    const run = await startPlugin()
    const prompt =
      'An isometric illustration of a tiny harbour town at golden hour, with fishing boats, gulls and soft haze'
    const result = await place(run, { meta: { ...META, prompt }, placement: { kind: 'new-frames' }, images: [image(1024, 1024)] })
    const name = run.emulator.snapshot().find((n) => n.id === result.placedNodeIds[0])!.name
    expect(name.length).toBeLessThanOrEqual(60)
    expect(name).toMatch(/^An isometric illustration of a tiny harbour town at golden\b.*…$/)
  })
})

describe('place fill', () => {
  it('gives each target its image as a FILL image on top of its other fills', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    const ids = [run.node('Hero banner').id, run.node('Website banner').id]
    const result = await place(run, { placement: { kind: 'fill', nodeIds: ids }, images: [image(1360, 768), image(1552, 656)] })
    expect(result).toEqual({ placedNodeIds: ids, skipped: [] })
    const [hero, website] = ids.map((id) => run.emulator.snapshot().find((n) => n.id === id)!)
    expect(hero.fills.map((f) => [f.type, f.scaleMode, f.imageWidth])).toEqual([
      ['SOLID', undefined, undefined],
      ['IMAGE', 'FILL', 1360],
    ])
    expect(website.fills.at(-1)).toMatchObject({ type: 'IMAGE', scaleMode: 'FILL', imageWidth: 1552, imageHeight: 656 })
    // Targets keep their size: FILL crops, it never stretches or resizes.
    expect([hero.width, hero.height, website.width, website.height]).toEqual([1600, 900, 2100, 900])
  })

  it('replaces an existing image fill and keeps the other fills', async () => {
    const run = await startPlugin()
    const old = run.figma.createImage(solidPng(300, 300)).hash
    const solid: SolidPaint = { type: 'SOLID', color: { r: 0, g: 0, b: 1 } }
    const frame = addFrame(run.figma, { name: 'Card', width: 600, height: 600, fills: [solid, imagePaint(old, 'FIT')] })
    await place(run, { placement: { kind: 'fill', nodeIds: [frame.id] }, images: [image(1024, 1024)] })
    const fills = run.emulator.snapshot().find((n) => n.id === frame.id)!.fills
    expect(fills.map((f) => [f.type, f.color ?? f.scaleMode])).toEqual([
      ['SOLID', '#0000ff'],
      ['IMAGE', 'FILL'],
    ])
    expect(fills[1].imageHash).not.toBe(old)
  })
})

describe('place beside', () => {
  it('adds frames of the source size in a row to its right', async () => {
    const run = await startPlugin({ scenario: 'reference' })
    const source = run.node('Reference')
    const result = await place(run, {
      meta: { ...META, operation: 'image_to_image' },
      placement: { kind: 'beside', sourceId: source.id },
      images: [image(1168, 880), image(1168, 880)],
    })
    const frames = result.placedNodeIds.map((id) => run.emulator.snapshot().find((n) => n.id === id)!)
    expect(frames.map((f) => [f.x, f.y, f.width, f.height])).toEqual([
      [1104, 0, 1024, 768],
      [2168, 0, 1024, 768],
    ])
    expect(frames.every((f) => f.fills.length === 1 && f.fills[0].scaleMode === 'FILL')).toBe(true)
    expect(run.figma.currentPage.selection.map((n) => n.id)).toEqual(result.placedNodeIds)
  })

  it('moves the row right, level with the source, past layers it would cover', async () => {
    const run = await startPlugin({ scenario: 'compose' })
    const bottle = run.node('Bottle')
    const result = await place(run, {
      meta: { ...META, operation: 'image_to_image' },
      placement: { kind: 'beside', sourceId: bottle.id },
      images: [image(600, 800)],
    })
    // 80 px right of the bottle (x 680) would cover the sneaker; past it, the lamp; then the beach scene, then
    // the swatch: the frame lands 80 px right of the swatch, which ends at x 4200.
    expect(run.figma.currentPage.findOne((n) => n.id === result.placedNodeIds[0])).toMatchObject({ x: 4280, y: 0, width: 600, height: 800 })
  })

  it('still places the images, beside the page content, when the source was deleted', async () => {
    const run = await startPlugin({ scenario: 'reference' })
    const source = run.node('Reference')
    const marker = addFrame(run.figma, { name: 'Marker', x: 2000, y: 100, width: 100, height: 100 })
    run.emulator.user.remove(source.id)
    const result = await place(run, { placement: { kind: 'beside', sourceId: source.id }, images: [image(1024, 1024)] })
    expect(result.skipped).toEqual([])
    expect(run.figma.currentPage.findOne((n) => n.id === result.placedNodeIds[0])).toMatchObject({
      x: marker.x + 100 + 80,
      y: 100,
      width: 1024,
      height: 1024,
    })
    expect(run.emulator.notifications.at(-1)?.message).toMatch(/source was deleted/)
  })
})

describe('place row', () => {
  it('numbers a series "prompt 1/3", "prompt 2/3"… in order, each at its image size, in a row right of the references, clear of other layers', async () => {
    const run = await startPlugin({ scenario: 'compose' })
    const bottle = run.node('Bottle')
    const sneaker = run.node('Sneaker')
    const result = await place(run, {
      meta: { ...META, operation: 'omni', prompt: 'The bottle on a beach, storyboard' },
      placement: { kind: 'row', besideIds: [bottle.id, sneaker.id], numbered: true },
      images: [image(1360, 768), image(1024, 1024), image(768, 1360)],
    })
    const frames = result.placedNodeIds.map((id) => run.emulator.snapshot().find((n) => n.id === id)!)
    // Bottle and Sneaker span x 0..1500, but a row starting 80 px to their right would cover the lamp, the beach
    // scene and the swatch (up to x 4200): it starts 80 px right of those, level with the references, 40 px apart.
    expect(frames.map((f) => [f.name, f.x, f.y, f.width, f.height])).toEqual([
      ['The bottle on a beach, storyboard 1/3', 4280, 0, 1360, 768],
      ['The bottle on a beach, storyboard 2/3', 5680, 0, 1024, 1024],
      ['The bottle on a beach, storyboard 3/3', 6744, 0, 768, 1360],
    ])
    expect(frames.map((f) => f.fills[0]).map((f) => [f.imageWidth, f.imageHeight])).toEqual([
      [1360, 768],
      [1024, 1024],
      [768, 1360],
    ])
  })

  it('keeps each image its series number when Figma refuses one', async () => {
    const run = await startPlugin({ scenario: 'compose' })
    const result = await place(run, {
      placement: { kind: 'row', besideIds: [run.node('Lamp').id], numbered: true },
      images: [image(1024, 1024), image(5000, 5000), image(1024, 1024)],
    })
    const names = result.placedNodeIds.map((id) => run.emulator.snapshot().find((n) => n.id === id)!.name)
    expect(names).toEqual(['A lighthouse at dusk 1/3', 'A lighthouse at dusk 3/3'])
    expect(result.skipped).toHaveLength(1)
  })

  it('names unnumbered frames after the prompt, and lands beside the page content when the references are gone', async () => {
    const run = await startPlugin({ scenario: 'compose' })
    const lamp = run.node('Lamp')
    run.emulator.user.remove(lamp.id)
    const result = await place(run, {
      placement: { kind: 'row', besideIds: [lamp.id], numbered: false },
      images: [image(1024, 1024)],
    })
    // The remaining content ends with the style swatch at x 3600..4200.
    expect(run.figma.currentPage.findOne((n) => n.id === result.placedNodeIds[0])).toMatchObject({
      name: 'A lighthouse at dusk',
      x: 4280,
      y: 0,
    })
    expect(run.emulator.notifications.at(-1)?.message).toMatch(/references were deleted/)
  })
})

describe('place expand', () => {
  it('makes the result the frame’s only fill and removes the source image', async () => {
    const run = await startPlugin({ scenario: 'expand' })
    const frame = run.node('Expand me')
    const photo = run.node('Photo')
    const result = await place(run, {
      meta: { ...META, operation: 'expand', prompt: '' },
      placement: { kind: 'expand', frameId: frame.id, sourceId: photo.id },
      images: [image(1600, 900)],
    })
    expect(result).toEqual({ placedNodeIds: [frame.id], skipped: [] })
    const snapshot = run.emulator.snapshot()
    expect(snapshot.find((n) => n.id === frame.id)!.fills).toEqual([
      expect.objectContaining({ type: 'IMAGE', scaleMode: 'FILL', imageWidth: 1600, imageHeight: 900 }),
    ])
    expect(snapshot.some((n) => n.id === photo.id)).toBe(false)
    expect(run.figma.currentPage.selection.map((n) => n.id)).toEqual([frame.id])
  })

  it('replaces a FIT image in its own frame without removing the frame', async () => {
    const run = await startPlugin()
    const hash = run.figma.createImage(solidPng(1024, 768)).hash
    const frame = addFrame(run.figma, { name: 'Letterbox', width: 1600, height: 900, fills: [imagePaint(hash, 'FIT')] })
    await place(run, { placement: { kind: 'expand', frameId: frame.id, sourceId: frame.id }, images: [image(1600, 900)] })
    expect(imageFills(run, frame.id)).toEqual([expect.objectContaining({ scaleMode: 'FILL', imageWidth: 1600 })])
  })
})

describe('every placement', () => {
  it('is exactly one undo step per request', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    const ids = ['Hero banner', 'Poster', 'Product card'].map((name) => run.node(name).id)
    const before = run.emulator.undoCommits
    await place(run, { placement: { kind: 'fill', nodeIds: ids }, images: ids.map(() => image(1024, 1024)) })
    expect(run.emulator.undoCommits).toBe(before + 1)
    await place(run, { placement: { kind: 'new-frames' }, images: [image(1024, 1024), image(1024, 1024)] })
    expect(run.emulator.undoCommits).toBe(before + 2)
  })

  it('stores the generation on each placed node and offers the relaunch buttons', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    const id = run.node('Hero banner').id
    await place(run, { placement: { kind: 'fill', nodeIds: [id] }, images: [image(1360, 768)] })
    const node = run.node('Hero banner')
    expect(run.emulator.snapshot().find((n) => n.id === id)!.pluginData).toEqual({
      prompt: META.prompt,
      model: META.model,
      jobId: META.jobId,
      operation: META.operation,
      aspectRatio: '16:9',
    })
    expect(node.getRelaunchData()).toEqual({
      regenerate: 'Generate again with the same prompt',
      variations: 'More images like this',
    })
  })

  it('reports what it placed', async () => {
    const run = await startPlugin()
    await place(run, { placement: { kind: 'new-frames' }, images: [image(1024, 1024), image(1024, 1024)] })
    expect(run.emulator.notifications.at(-1)?.message).toBe('Placed 2 images')
  })

  it('skips a target deleted while the job ran, with a notice, and places the rest', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    const [kept, deleted] = [run.node('Hero banner').id, run.node('Poster').id]
    run.emulator.user.remove(deleted)
    const result = await place(run, { placement: { kind: 'fill', nodeIds: [kept, deleted] }, images: [image(1360, 768), image(880, 1168)] })
    expect(result.placedNodeIds).toEqual([kept])
    expect(result.skipped).toEqual([{ nodeId: deleted, reason: expect.stringMatching(/deleted while the job ran/) }])
    expect(run.emulator.notifications.at(-1)?.message).toBe('Placed 1 image. 1 frame was deleted while the job ran — skipped')
    expect(run.emulator.undoCommits).toBe(1)
  })

  it('skips an expand whose frame was deleted, as an error notice', async () => {
    const run = await startPlugin({ scenario: 'expand' })
    const frame = run.node('Expand me')
    const photo = run.node('Photo')
    run.emulator.user.remove(frame.id)
    const result = await place(run, { placement: { kind: 'expand', frameId: frame.id, sourceId: photo.id }, images: [image(1600, 900)] })
    expect(result).toEqual({ placedNodeIds: [], skipped: [{ nodeId: frame.id, reason: expect.any(String) }] })
    expect(run.emulator.notifications.at(-1)).toMatchObject({
      message: '1 frame was deleted while the job ran — skipped',
      options: expect.objectContaining({ error: true }),
    })
  })

  it('reports an image Figma refuses as skipped, with a plain reason, and creates no empty frame', async () => {
    const run = await startPlugin()
    const result = await place(run, { placement: { kind: 'new-frames' }, images: [image(5000, 5000), image(1024, 1024)] })
    expect(result.placedNodeIds).toHaveLength(1)
    expect(result.skipped).toEqual([{ nodeId: '', reason: 'The image is 5000×5000 px; Figma takes at most 4096 px a side.' }])
    expect(run.emulator.snapshot()).toHaveLength(1)
    expect(run.emulator.notifications.at(-1)?.message).toMatch(/^Placed 1 image\. 1 image skipped: .*4096 px/)
  })

  it('reports bytes that are not an image as skipped', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    const id = run.node('Hero banner').id
    const webp = { bytes: new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '), width: 1360, height: 768 }
    const result = await place(run, { placement: { kind: 'fill', nodeIds: [id] }, images: [webp] })
    expect(result.skipped).toEqual([{ nodeId: id, reason: 'Figma takes only PNG, JPEG or GIF images.' }])
    expect(imageFills(run, id)).toEqual([])
  })
})
