import { describe, expect, it } from 'vitest'
import { createFigmaEmulator, PLACEHOLDER_FRAMES } from '../../playground/emulator'

describe('loadScenario', () => {
  it('empty: an empty page', () => {
    const emulator = createFigmaEmulator()
    emulator.loadScenario('empty')
    expect(emulator.snapshot()).toEqual([])
  })

  it('placeholders: six empty frames of six ratios, none selected', () => {
    const emulator = createFigmaEmulator()
    emulator.loadScenario('placeholders')
    const nodes = emulator.snapshot()
    expect(nodes.map((n) => [n.name, n.type, n.width, n.height])).toEqual(PLACEHOLDER_FRAMES.map((f) => [f.name, 'FRAME', f.width, f.height]))
    expect(new Set(nodes.map((n) => (n.width / n.height).toFixed(3))).size).toBe(6)
    expect(emulator.figma.currentPage.selection).toEqual([])
    expect(nodes.every((n) => n.parentId === emulator.page.id)).toBe(true)
  })

  it('expand: an 800x600 image rectangle centred in a 1600x900 frame', () => {
    const emulator = createFigmaEmulator()
    emulator.loadScenario('expand')
    const [frame, photo] = emulator.snapshot()
    expect(frame).toMatchObject({ name: 'Expand me', type: 'FRAME', width: 1600, height: 900 })
    expect(photo).toMatchObject({ type: 'RECTANGLE', parentId: frame.id, x: 400, y: 150, width: 800, height: 600 })
    expect(photo.fills).toEqual([expect.objectContaining({ type: 'IMAGE', scaleMode: 'FILL', imageWidth: 800, imageHeight: 600 })])
  })

  it('reference: a 1024x768 frame with an image fill', () => {
    const emulator = createFigmaEmulator()
    emulator.loadScenario('reference')
    expect(emulator.snapshot()).toEqual([
      expect.objectContaining({
        name: 'Reference',
        width: 1024,
        height: 768,
        fills: [expect.objectContaining({ type: 'IMAGE', imageWidth: 1024, imageHeight: 768 })],
      }),
    ])
  })

  it('starts each scenario from a fresh page with the same ids', () => {
    const emulator = createFigmaEmulator()
    emulator.loadScenario('placeholders')
    const ids = emulator.snapshot().map((n) => n.id)
    emulator.loadScenario('expand')
    emulator.loadScenario('placeholders')
    expect(emulator.snapshot().map((n) => n.id)).toEqual(ids)
  })
})
