import { describe, expect, it } from 'vitest'
import type { SelectionState } from '../../shared/protocol/messages'
import { solidPng } from './fixtures/png'
import { addFrame, imagePaint, startPlugin } from './harness'

describe('getSelection', () => {
  it('reports an empty selection', async () => {
    const { client } = await startPlugin({ scenario: 'placeholders' })
    expect(await client.call('getSelection')).toEqual({ nodes: [], placeholders: [], reference: null, references: [], expand: null })
  })

  it('summarises each selected node in selection order', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    run.select('Product card', 'Hero banner')
    const state = await run.client.call('getSelection')
    expect(state.nodes).toEqual([
      { id: run.node('Product card').id, name: 'Product card', type: 'FRAME', width: 1000, height: 1000, hasImage: false },
      { id: run.node('Hero banner').id, name: 'Hero banner', type: 'FRAME', width: 1600, height: 900, hasImage: false },
    ])
  })

  it('counts a visible image fill as an image, and a hidden one as none', async () => {
    const run = await startPlugin({ scenario: 'reference' })
    const hash = run.figma.createImage(solidPng(400, 300)).hash
    addFrame(run.figma, { name: 'Hidden image', width: 400, height: 300, fills: [{ ...imagePaint(hash), visible: false }] })
    run.select('Reference', 'Hidden image')
    const state = await run.client.call('getSelection')
    expect(state.nodes.map((n) => [n.name, n.hasImage])).toEqual([
      ['Reference', true],
      ['Hidden image', false],
    ])
  })
})

describe('placeholders', () => {
  it('are the selected empty frames', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    run.select('Story cover', 'Hero banner', 'Poster')
    const { placeholders } = await run.client.call('getSelection')
    expect(placeholders.map((p) => [p.name, p.width, p.height])).toEqual([
      ['Story cover', 900, 1600],
      ['Hero banner', 1600, 900],
      ['Poster', 900, 1200],
    ])
  })

  it('include empty frames, rectangles and ellipses inside a selected frame or section, once each', async () => {
    const run = await startPlugin()
    const { figma } = run
    const hash = figma.createImage(solidPng(300, 300)).hash
    const page = addFrame(figma, { name: 'Landing page', width: 1440, height: 2000 })
    addFrame(figma, { name: 'Hero image', width: 1440, height: 600 }, page)
    const rect = figma.createRectangle()
    page.appendChild(rect)
    rect.name = 'Team photo'
    const ellipse = figma.createEllipse()
    page.appendChild(ellipse)
    ellipse.name = 'Avatar'
    addFrame(figma, { name: 'Already filled', width: 300, height: 300, fills: [imagePaint(hash)] }, page)
    const hidden = addFrame(figma, { name: 'Hidden slot', width: 300, height: 300 }, page)
    hidden.visible = false
    const section = figma.createSection()
    section.name = 'Social'
    section.resizeWithoutConstraints(2000, 1000)
    addFrame(figma, { name: 'Instagram post', width: 1080, height: 1080 }, section)

    run.select('Landing page', 'Social', 'Team photo')
    const state = await run.client.call('getSelection')
    expect(state.placeholders.map((p) => [p.name, p.type])).toEqual([
      ['Hero image', 'FRAME'],
      ['Team photo', 'RECTANGLE'],
      ['Avatar', 'ELLIPSE'],
      ['Instagram post', 'FRAME'],
    ])
    // A frame with children is a container, not a placeholder itself.
    expect(state.placeholders.map((p) => p.name)).not.toContain('Landing page')
  })

  it('exclude frames that already show an image', async () => {
    const run = await startPlugin({ scenario: 'reference' })
    run.select('Reference')
    expect((await run.client.call('getSelection')).placeholders).toEqual([])
  })
})

describe('reference', () => {
  it('is the first selected node that can be exported', async () => {
    const run = await startPlugin({ scenario: 'reference' })
    const blank = addFrame(run.figma, { name: 'Blank', x: 2000, width: 500, height: 500 })
    blank.visible = false
    run.select('Blank', 'Reference')
    const { reference } = await run.client.call('getSelection')
    expect(reference).toMatchObject({ name: 'Reference', width: 1024, height: 768, hasImage: true })
  })
})

describe('references', () => {
  it('are the exportable selected nodes in selection order, at most four', async () => {
    const run = await startPlugin({ scenario: 'compose' })
    const hidden = addFrame(run.figma, { name: 'Hidden', x: 5000, width: 500, height: 500 })
    hidden.visible = false
    run.select('Style swatch', 'Hidden', 'Bottle', 'Beach scene', 'Sneaker', 'Lamp')
    const { references, reference } = await run.client.call('getSelection')
    expect(references.map((r) => [r.name, r.width, r.height, r.hasImage])).toEqual([
      ['Style swatch', 600, 600, true],
      ['Bottle', 600, 800, true],
      ['Beach scene', 1200, 800, true],
      ['Sneaker', 800, 600, true],
    ])
    expect(reference?.name).toBe('Style swatch')
  })
})

describe('expand target', () => {
  const photoInFrame = (run: Awaited<ReturnType<typeof startPlugin>>): SelectionState['expand'] => ({
    sourceId: run.node('Photo').id,
    frameId: run.node('Expand me').id,
    image: { x: 400, y: 150, width: 800, height: 600 },
    frame: { width: 1600, height: 900 },
  })

  it('is the parent frame of a selected image that does not cover it', async () => {
    const run = await startPlugin({ scenario: 'expand' })
    run.select('Photo')
    expect((await run.client.call('getSelection')).expand).toEqual(photoInFrame(run))
  })

  it('is a selected frame holding one image smaller than itself', async () => {
    const run = await startPlugin({ scenario: 'expand' })
    run.select('Expand me')
    expect((await run.client.call('getSelection')).expand).toEqual(photoInFrame(run))
  })

  it('is a selected frame whose own image is shown FIT, with the image where FIT puts it', async () => {
    const run = await startPlugin()
    const hash = run.figma.createImage(solidPng(1024, 768)).hash
    const frame = addFrame(run.figma, { name: 'Letterbox', width: 1600, height: 900, fills: [imagePaint(hash, 'FIT')] })
    run.select('Letterbox')
    expect((await run.client.call('getSelection')).expand).toEqual({
      sourceId: frame.id,
      frameId: frame.id,
      // 1024x768 scaled by 900/768 is 1200x900, centred in 1600.
      image: { x: 200, y: 0, width: 1200, height: 900 },
      frame: { width: 1600, height: 900 },
    })
  })

  it('is none for an image that already covers its frame, or a frame with two images', async () => {
    const run = await startPlugin({ scenario: 'reference' })
    const hash = run.figma.createImage(solidPng(400, 300)).hash
    const pair = addFrame(run.figma, { name: 'Pair', x: 2000, width: 1000, height: 400 })
    for (const x of [0, 500]) {
      const rect = run.figma.createRectangle()
      pair.appendChild(rect)
      rect.x = x
      rect.resize(400, 300)
      rect.fills = [imagePaint(hash)]
    }
    run.select('Reference')
    expect((await run.client.call('getSelection')).expand).toBeNull()
    run.select('Pair')
    expect((await run.client.call('getSelection')).expand).toBeNull()
  })
})

describe('selection event', () => {
  it('reports the settled selection once after a burst of changes', async () => {
    const run = await startPlugin({ scenario: 'placeholders' })
    await run.client.call('getSelection')
    run.select('Hero banner')
    run.select('Hero banner', 'Poster')
    await expect.poll(() => run.selections.length).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 250))
    expect(run.selections).toHaveLength(1)
    expect(run.selections[0].placeholders.map((p) => p.name)).toEqual(['Hero banner', 'Poster'])
  })
})

describe('placeholders inside component instances', () => {
  it('counts an instance of an "Image placeholder" component as a placeholder, selected or inside a selected frame', async () => {
    const run = await startPlugin({ scenario: 'instances' })
    run.select('Hero photo', 'Team photo')
    const state = await run.client.call('getSelection')
    expect(state.placeholders.map((p) => [p.name, p.type, p.hasImage])).toEqual([
      ['Hero photo', 'INSTANCE', false],
      ['Team photo', 'INSTANCE', false],
    ])
    const board = addFrame(run.figma, { name: 'Board', width: 3000, height: 1000 })
    board.appendChild(run.node('Office at dusk'))
    run.select('Board')
    expect((await run.client.call('getSelection')).placeholders.map((p) => p.name)).toEqual(['Office at dusk'])
  })

  it('no longer counts an instance whose image layer shows an image', async () => {
    const run = await startPlugin({ scenario: 'instances' })
    const instance = run.node('Hero photo') as InstanceNode
    const hash = run.figma.createImage(solidPng(640, 400)).hash
    ;(instance.children[0] as RectangleNode).fills = [imagePaint(hash)]
    run.select('Hero photo')
    const state = await run.client.call('getSelection')
    expect(state.placeholders).toEqual([])
    expect(state.nodes[0].hasImage).toBe(true)
  })
})
