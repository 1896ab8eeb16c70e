import { describe, expect, it, vi } from 'vitest'
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

function overlaps(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) {
  return a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y
}

describe('place new-frames', () => {
  it('adds one frame per image at the image size, named after the prompt, in a row centred in the view of an empty page', async () => {
    const run = await startPlugin()
    expect(run.figma.viewport.center).toEqual({ x: 0, y: 0 })
    const result = await place(run, { placement: { kind: 'new-frames' }, images: [image(1360, 768), image(1360, 768)] })
    expect(result.skipped).toEqual([])
    const frames = result.placedNodeIds.map((id) => run.emulator.snapshot().find((n) => n.id === id)!)
    // The row is 1360 + 40 + 1360 = 2760 wide, centred on (0, 0).
    expect(frames.map((f) => [f.name, f.type, f.x, f.y, f.width, f.height, f.parentId])).toEqual([
      ['A lighthouse at dusk', 'FRAME', -1380, -384, 1360, 768, run.emulator.page.id],
      ['A lighthouse at dusk', 'FRAME', 20, -384, 1360, 768, run.emulator.page.id],
    ])
    for (const frame of frames) {
      expect(frame.fills).toEqual([expect.objectContaining({ type: 'IMAGE', scaleMode: 'FILL', imageWidth: 1360, imageHeight: 768 })])
    }
  })

  it('sizes frames to the layout: a 2K image gets the frame of its 1K size, shown at 2x', async () => {
    const run = await startPlugin()
    const result = await place(run, { placement: { kind: 'new-frames' }, images: [image(2720, 1536), image(2048, 2048)] })
    const frames = result.placedNodeIds.map((id) => run.emulator.snapshot().find((n) => n.id === id)!)
    expect(frames.map((f) => [f.width, f.height, f.fills[0].imageWidth])).toEqual([
      [1360, 768, 2720],
      [1024, 1024, 2048],
    ])
  })

  it('puts the row next to what was selected when the job started, top-aligned with it', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    const hero = run.node('Hero banner')
    const result = await place(run, { placement: { kind: 'new-frames', selectionAtStart: [hero.id] }, images: [image(1024, 1024)] })
    // Hero banner spans x 0..1600 at y 0.
    expect(run.figma.currentPage.findOne((n) => n.id === result.placedNodeIds[0])).toMatchObject({ x: 1680, y: 0 })
  })

  it('with nothing selected, lands near the middle of the view, clear of other layers, not far off to the right', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    run.figma.viewport.center = { x: 1000, y: 1200 }
    const result = await place(run, { placement: { kind: 'new-frames', selectionAtStart: [] }, images: [image(1024, 1024)] })
    const frame = run.emulator.snapshot().find((n) => n.id === result.placedNodeIds[0])!
    const others = run.emulator.snapshot().filter((n) => n.id !== frame.id && n.parentId === run.emulator.page.id)
    expect(others.filter((o) => overlaps(frame, o)).map((o) => o.name)).toEqual([])
    // The page content ends at x 4600: the frame takes the free spot nearest the view's centre instead.
    expect(frame.x + frame.width).toBeLessThan(4600)
    const distance = Math.hypot(frame.x + frame.width / 2 - 1000, frame.y + frame.height / 2 - 1200)
    expect(distance).toBeLessThan(2000)
  })

  it('selects the new frames and brings them into view when the selection is as it was at the start', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    const result = await place(run, { placement: { kind: 'new-frames', selectionAtStart: [] }, images: [image(1360, 768), image(1360, 768)] })
    expect(result.focused).toBe(true)
    expect(run.figma.currentPage.selection.map((n) => n.id)).toEqual(result.placedNodeIds)
    const frames = result.placedNodeIds.map((id) => run.emulator.snapshot().find((n) => n.id === id)!)
    expect(run.figma.viewport.center).toEqual({ x: (frames[0].x + frames[1].x + 1360) / 2, y: frames[0].y + 384 })
  })

  it('leaves the selection and the viewport alone when the user selected something else meanwhile', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    run.select('Poster')
    const view = { ...run.figma.viewport.center }
    const result = await place(run, { placement: { kind: 'new-frames', selectionAtStart: [] }, images: [image(1024, 1024)] })
    expect(result.focused).toBe(false)
    expect(result.placedNodeIds).toHaveLength(1)
    expect(run.figma.currentPage.selection.map((n) => n.name)).toEqual(['Poster'])
    expect(run.figma.viewport.center).toEqual(view)
  })

  it('keeps a batch selected together: a second job adds to the frames the first one selected', async () => {
    const run = await startPlugin()
    const first = await place(run, { placement: { kind: 'new-frames', selectionAtStart: [] }, images: [image(1024, 1024)] })
    const second = await place(run, { placement: { kind: 'new-frames', selectionAtStart: [] }, images: [image(1024, 1024)] })
    expect(second.focused).toBe(true)
    expect(run.figma.currentPage.selection.map((n) => n.id)).toEqual([...first.placedNodeIds, ...second.placedNodeIds])
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
    expect(result).toEqual({ placedNodeIds: ids, skipped: [], focused: true })
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

  it('still places the images, in view and clear of other layers, when the source was deleted', async () => {
    const run = await startPlugin({ scenario: 'reference' })
    const source = run.node('Reference')
    const marker = addFrame(run.figma, { name: 'Marker', x: -200, y: -100, width: 400, height: 200 })
    run.figma.viewport.center = { x: 0, y: 0 }
    run.emulator.user.remove(source.id)
    const result = await place(run, { placement: { kind: 'beside', sourceId: source.id }, images: [image(1024, 1024)] })
    expect(result.skipped).toEqual([])
    const frame = run.emulator.snapshot().find((n) => n.id === result.placedNodeIds[0])!
    expect(frame).toMatchObject({ width: 1024, height: 1024 })
    expect(overlaps(frame, { x: marker.x - 80, y: marker.y - 80, width: 560, height: 360 })).toBe(false)
    expect(Math.hypot(frame.x + 512, frame.y + 512)).toBeLessThan(1000)
    expect(result.note).toMatch(/source was deleted/)
  })
})

describe('place fill into component instances', () => {
  it('puts the image in the instance\'s top rectangle (an override), where it is seen, not behind it', async () => {
    const run = await startPlugin({ scenario: 'instances' })
    const instance = run.node('Hero photo') as InstanceNode
    const layer = instance.children[0]
    const result = await place(run, { placement: { kind: 'fill', nodeIds: [instance.id] }, images: [image(1360, 768)] })
    expect(result.placedNodeIds).toEqual([instance.id])
    expect(imageFills(run, layer.id)).toEqual([expect.objectContaining({ type: 'IMAGE', scaleMode: 'FILL', imageWidth: 1360 })])
    expect(imageFills(run, instance.id)).toEqual([])
    // Still an instance with its one layer: nothing was detached, added or removed.
    const snapshot = run.emulator.snapshot()
    expect(snapshot.find((n) => n.id === instance.id)).toMatchObject({ type: 'INSTANCE', pluginData: expect.objectContaining({ jobId: META.jobId }) })
    expect(snapshot.filter((n) => n.parentId === instance.id).map((n) => n.id)).toEqual([layer.id])
  })

  it('fills the instance itself when it has no rectangle or ellipse to show the image', async () => {
    const run = await startPlugin()
    const component = run.figma.createComponent()
    component.resize(300, 200)
    const instance = component.createInstance()
    await place(run, { placement: { kind: 'fill', nodeIds: [instance.id] }, images: [image(1024, 1024)] })
    expect(imageFills(run, instance.id)).toHaveLength(1)
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
    expect(result.note).toMatch(/references were deleted/)
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
    expect(result).toEqual({ placedNodeIds: [frame.id], skipped: [], focused: true })
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

  it('leaves telling to the panel, which reports a whole batch of jobs in one notification', async () => {
    const run = await startPlugin()
    await place(run, { placement: { kind: 'new-frames' }, images: [image(1024, 1024), image(1024, 1024)] })
    expect(run.emulator.notifications).toEqual([])
  })

  it('offers "Show" on the panel\'s notification, which selects the placed nodes and scrolls to them', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    const ids = ['Hero banner', 'Poster'].map((name) => run.node(name).id)
    run.select('Product card')
    await run.client.call('notify', { message: 'Placed 2 images', show: ids })
    const [toast] = run.emulator.activeNotifications
    expect(toast).toMatchObject({ message: 'Placed 2 images', buttonText: 'Show' })
    expect(run.figma.currentPage.selection.map((n) => n.name)).toEqual(['Product card'])
    toast.clickButton()
    await vi.waitFor(() => expect(run.figma.currentPage.selection.map((n) => n.id)).toEqual(ids))
  })

  it('skips a target deleted while the job ran, with a notice, and places the rest', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    const [kept, deleted] = [run.node('Hero banner').id, run.node('Poster').id]
    run.emulator.user.remove(deleted)
    const result = await place(run, { placement: { kind: 'fill', nodeIds: [kept, deleted] }, images: [image(1360, 768), image(880, 1168)] })
    expect(result.placedNodeIds).toEqual([kept])
    expect(result.skipped).toEqual([{ nodeId: deleted, reason: expect.stringMatching(/deleted while the job ran/) }])
    expect(run.emulator.undoCommits).toBe(1)
  })

  it('skips an expand whose frame was deleted', async () => {
    const run = await startPlugin({ scenario: 'expand' })
    const frame = run.node('Expand me')
    const photo = run.node('Photo')
    run.emulator.user.remove(frame.id)
    const result = await place(run, { placement: { kind: 'expand', frameId: frame.id, sourceId: photo.id }, images: [image(1600, 900)] })
    expect(result).toEqual({ placedNodeIds: [], skipped: [{ nodeId: frame.id, reason: expect.stringMatching(/deleted/) }], focused: true })
  })

  it('reports an image Figma refuses as skipped, with a plain reason, and creates no empty frame', async () => {
    const run = await startPlugin()
    const result = await place(run, { placement: { kind: 'new-frames' }, images: [image(5000, 5000), image(1024, 1024)] })
    expect(result.placedNodeIds).toHaveLength(1)
    expect(result.skipped).toEqual([{ nodeId: '', reason: 'The image is 5000×5000 px; Figma takes at most 4096 px a side.' }])
    expect(run.emulator.snapshot()).toHaveLength(1)
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
