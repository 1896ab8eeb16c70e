import { describe, expect, it } from 'vitest'
import { createFigmaEmulator } from '../../playground/emulator'

function setup() {
  const emulator = createFigmaEmulator()
  return { emulator, figma: emulator.figma }
}

describe('node creation', () => {
  it.each([
    ['createFrame', 'FRAME', 'Frame', '#ffffff'],
    ['createRectangle', 'RECTANGLE', 'Rectangle', '#d9d9d9'],
    ['createEllipse', 'ELLIPSE', 'Ellipse', '#d9d9d9'],
    ['createSection', 'SECTION', 'Section', '#ffffff'],
  ] as const)('%s makes a 100x100 %s named %s on the current page, filled %s', (method, type, name, color) => {
    const { emulator, figma } = setup()
    const node = figma[method]()
    expect(node).toMatchObject({ type, name, x: 0, y: 0, width: 100, height: 100 })
    expect(node.parent).toBe(figma.currentPage)
    expect(node.id).toMatch(/^\d+:\d+$/)
    expect(emulator.snapshot()[0].fills[0].color).toBe(color)
  })

  it('gives every node a distinct id and finds live nodes by id', async () => {
    const { figma } = setup()
    const a = figma.createFrame()
    const b = figma.createRectangle()
    expect(a.id).not.toBe(b.id)
    expect(await figma.getNodeByIdAsync(b.id)).toBe(b)
    expect(await figma.getNodeByIdAsync('9:999')).toBeNull()
  })
})

describe('fills', () => {
  it('reads back a frozen copy: mutating it throws, assigning a new array works', () => {
    const { figma } = setup()
    const rect = figma.createRectangle()
    const fills = rect.fills as Paint[]
    expect(Object.isFrozen(fills)).toBe(true)
    expect(() => fills.push({ type: 'SOLID', color: { r: 1, g: 0, b: 0 } })).toThrow(TypeError)
    expect(() => {
      ;(fills[0] as { opacity: number }).opacity = 0.5
    }).toThrow(TypeError)
    expect(rect.fills).not.toBe(rect.fills)
    rect.fills = [{ type: 'SOLID', color: { r: 1, g: 0, b: 0 } }]
    expect(rect.fills).toEqual([{ type: 'SOLID', visible: true, opacity: 1, blendMode: 'NORMAL', color: { r: 1, g: 0, b: 0 } }])
  })

  it.each([
    ['an alpha in a SOLID colour', [{ type: 'SOLID', color: { r: 1, g: 0, b: 0, a: 1 } }], /Unrecognized key.*'a'/],
    ['a channel above 1', [{ type: 'SOLID', color: { r: 255, g: 0, b: 0 } }], /between 0 and 1/],
    ['an image paint without scaleMode', [{ type: 'IMAGE', imageHash: 'abc' }], /scaleMode/],
    ['an unknown paint key', [{ type: 'IMAGE', scaleMode: 'FILL', imageHash: 'abc', hash: 'x' }], /Unrecognized key.*'hash'/],
    ['an unknown paint type', [{ type: 'PHOTO' }], /Invalid paint type/],
    ['a paint instead of an array', { type: 'SOLID', color: { r: 0, g: 0, b: 0 } }, /array/],
  ])('rejects %s like Figma', (_case, value, message) => {
    const { figma } = setup()
    const rect = figma.createRectangle()
    expect(() => {
      rect.fills = value as Paint[]
    }).toThrow(message)
  })

  it('fills image paints with Figma defaults', () => {
    const { figma } = setup()
    const rect = figma.createRectangle()
    rect.fills = [{ type: 'IMAGE', scaleMode: 'FIT', imageHash: 'abc' }]
    expect(rect.fills[0]).toMatchObject({ type: 'IMAGE', scaleMode: 'FIT', imageHash: 'abc', imageTransform: [[1, 0, 0], [0, 1, 0]], scalingFactor: 0.5, rotation: 0 })
  })
})

describe('geometry', () => {
  it('resizes, refuses sizes under 0.01, and keeps width read-only', () => {
    const { figma } = setup()
    const frame = figma.createFrame()
    frame.resize(1600, 900)
    expect([frame.width, frame.height]).toEqual([1600, 900])
    expect(() => frame.resize(0, 10)).toThrow(/>= 0.01/)
    expect(() => {
      ;(frame as { width: number }).width = 5
    }).toThrow(TypeError)
  })

  it('computes absolute positions through parents', () => {
    const { figma } = setup()
    const frame = figma.createFrame()
    frame.x = 100
    frame.y = 50
    const rect = figma.createRectangle()
    frame.appendChild(rect)
    rect.x = 10
    rect.y = 20
    expect(rect.absoluteBoundingBox).toEqual({ x: 110, y: 70, width: 100, height: 100 })
    expect(rect.absoluteTransform).toEqual([[1, 0, 110], [0, 1, 70]])
  })
})

describe('tree', () => {
  it('appends and inserts children, moving them from their old parent', () => {
    const { figma } = setup()
    const frame = figma.createFrame()
    const a = figma.createRectangle()
    const b = figma.createEllipse()
    frame.appendChild(a)
    frame.insertChild(0, b)
    expect(frame.children.map((c) => c.id)).toEqual([b.id, a.id])
    expect(figma.currentPage.children.map((c) => c.id)).toEqual([frame.id])
    expect(() => frame.insertChild(5, figma.createRectangle())).toThrow(/index/)
  })

  it.each([
    ['a section into a frame', (f: PluginAPI) => f.createFrame().appendChild(f.createSection())],
    ['a frame into itself', (f: PluginAPI) => {
      const frame = f.createFrame()
      frame.appendChild(frame)
    }],
    ['a frame into its own child', (f: PluginAPI) => {
      const outer = f.createFrame()
      const inner = f.createFrame()
      outer.appendChild(inner)
      inner.appendChild(outer)
    }],
  ])('refuses to move %s', (_case, act) => {
    const { figma } = setup()
    expect(() => act(figma)).toThrow(/Cannot move/)
  })

  it('shows only Figma members: no children on a rectangle, not-emulated members throw', () => {
    const { figma } = setup()
    const rect = figma.createRectangle()
    expect('children' in rect).toBe(false)
    expect((rect as unknown as { children?: unknown }).children).toBeUndefined()
    expect(() => (figma.createFrame() as FrameNode).layoutMode).toThrow('not emulated: FRAME.layoutMode')
    expect(() => {
      ;(rect as unknown as { custom: number }).custom = 1
    }).toThrow(/not extensible/)
  })

  it('clones deeply into the same parent, right after the original, with new ids and the plugin data', () => {
    const { figma } = setup()
    const frame = figma.createFrame()
    const rect = figma.createRectangle()
    frame.appendChild(rect)
    frame.setPluginData('job', 'j1')
    const last = figma.createEllipse()
    const copy = frame.clone()
    expect(figma.currentPage.children.map((c) => c.id)).toEqual([frame.id, copy.id, last.id])
    expect(copy.id).not.toBe(frame.id)
    expect(copy.children[0].id).not.toBe(rect.id)
    expect(copy.getPluginData('job')).toBe('j1')
  })
})

describe('removal', () => {
  it('marks the node and its descendants removed; reading them throws; lookups return null', async () => {
    const { figma } = setup()
    const frame = figma.createFrame()
    const rect = figma.createRectangle()
    frame.appendChild(rect)
    figma.currentPage.selection = [rect]
    frame.remove()
    expect(frame.removed).toBe(true)
    expect(rect.removed).toBe(true)
    expect(() => frame.name).toThrow(`The node with id "${frame.id}" does not exist`)
    expect(() => {
      rect.fills = []
    }).toThrow(/does not exist/)
    expect(await figma.getNodeByIdAsync(rect.id)).toBeNull()
    expect(figma.currentPage.selection).toEqual([])
    expect(figma.currentPage.children).toEqual([])
  })
})

describe('plugin data and relaunch data', () => {
  it('stores strings, lists keys, drops empty values and refuses entries over 100 kB', () => {
    const { figma } = setup()
    const node = figma.createFrame()
    node.setPluginData('prompt', 'a cat')
    node.setPluginData('jobId', 'job_1')
    node.setPluginData('jobId', '')
    expect(node.getPluginData('prompt')).toBe('a cat')
    expect(node.getPluginData('missing')).toBe('')
    expect(node.getPluginDataKeys()).toEqual(['prompt'])
    expect(() => node.setPluginData('k', 'x'.repeat(100_000))).toThrow(/100 kB/)
    expect(() => node.setPluginData('k', 42 as unknown as string)).toThrow(/string/)
    node.setRelaunchData({ regenerate: 'Generate again' })
    expect(node.getRelaunchData()).toEqual({ regenerate: 'Generate again' })
  })
})
