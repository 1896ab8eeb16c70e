import { describe, expect, it } from 'vitest'
import { createFigmaEmulator, ODD_FRAMES, PLACEHOLDER_COMPONENT, PLACEHOLDER_INSTANCES } from '../../playground/emulator'

function instancesScenario() {
  const emulator = createFigmaEmulator()
  emulator.loadScenario('instances')
  const figma = emulator.figma
  const find = (name: string) => figma.currentPage.findOne((n) => n.name === name) as SceneNode
  return { emulator, figma, find }
}

describe('scenario instances', () => {
  it('is an "Image placeholder" component (a frame with a grey rectangle) and three instances of it', () => {
    const { emulator } = instancesScenario()
    const nodes = emulator.snapshot()
    const component = nodes.find((n) => n.type === 'COMPONENT')!
    expect(component).toMatchObject({ name: PLACEHOLDER_COMPONENT.name, width: 640, height: 400 })
    const instances = nodes.filter((n) => n.type === 'INSTANCE')
    expect(instances.map((n) => [n.name, n.x, n.y, n.width, n.height, n.mainComponentId])).toEqual(
      PLACEHOLDER_INSTANCES.map((i) => [i.name, i.x, i.y, 640, 400, component.id]),
    )
    for (const instance of instances) {
      const [layer] = nodes.filter((n) => n.parentId === instance.id)
      expect(layer).toMatchObject({ type: 'RECTANGLE', name: 'Image', width: 640, height: 400, fills: [expect.objectContaining({ type: 'SOLID', color: '#d9d9d9' })] })
      expect(layer.id).toMatch(new RegExp(`^I${instance.id};`))
    }
  })
})

describe('instances, as Figma has them', () => {
  it('take fill overrides on their layers', () => {
    const { figma, find } = instancesScenario()
    const instance = find('Hero photo') as InstanceNode
    const layer = instance.children[0] as RectangleNode
    layer.fills = [{ type: 'SOLID', color: { r: 1, g: 0, b: 0 } }]
    expect((layer.fills as SolidPaint[])[0].color).toEqual({ r: 1, g: 0, b: 0 })
    expect(figma.currentPage.findAll((n) => n.type === 'INSTANCE')).toHaveLength(3)
  })

  it('refuse adding, moving or removing their layers', () => {
    const { figma, find } = instancesScenario()
    const instance = find('Hero photo') as InstanceNode
    const layer = instance.children[0]
    expect(() => instance.appendChild(figma.createRectangle())).toThrow(/inside of an instance|is an instance/)
    expect(() => figma.currentPage.appendChild(layer)).toThrow(/inside of an instance/)
    expect(() => layer.remove()).toThrow(/inside of an instance/)
  })

  it('find their main component only asynchronously under dynamic-page', async () => {
    const { find } = instancesScenario()
    const instance = find('Team photo') as InstanceNode
    expect(() => instance.mainComponent).toThrow(/getMainComponentAsync/)
    expect((await instance.getMainComponentAsync())?.name).toBe('Image placeholder')
  })

  it('come from createComponent + createInstance', () => {
    const emulator = createFigmaEmulator()
    const component = emulator.figma.createComponent()
    component.resize(200, 100)
    const instance = component.createInstance()
    expect(instance).toMatchObject({ type: 'INSTANCE', width: 200, height: 100 })
  })
})

describe('scenario odd-frames', () => {
  it('is three empty frames of ratios Kling does not offer', () => {
    const emulator = createFigmaEmulator()
    emulator.loadScenario('odd-frames')
    expect(emulator.snapshot().map((n) => [n.name, n.type, n.width, n.height])).toEqual(ODD_FRAMES.map((f) => [f.name, 'FRAME', f.width, f.height]))
  })
})

describe('saved documents (playground files)', () => {
  it('keep node ids, geometry, fills, pluginData and the document pluginData; new ids continue after them', async () => {
    const first = createFigmaEmulator()
    first.loadScenario('instances')
    first.figma.root.setPluginData('documentId', 'doc_A')
    const hero = first.figma.currentPage.findOne((n) => n.name === 'Hero photo')!
    hero.setPluginData('jobId', 'job_1')
    const saved = JSON.parse(JSON.stringify(first.saveDocument()))

    const second = createFigmaEmulator()
    second.restoreDocument(saved)
    expect(second.snapshot()).toEqual(first.snapshot())
    expect(second.figma.root.getPluginData('documentId')).toBe('doc_A')
    const again = (await second.figma.getNodeByIdAsync(hero.id)) as InstanceNode
    expect(again.getPluginData('jobId')).toBe('job_1')
    expect((await again.getMainComponentAsync())?.name).toBe('Image placeholder')
    const fresh = second.figma.createFrame()
    expect(first.snapshot().some((n) => n.id === fresh.id)).toBe(false)
  })
})
