import { describe, expect, it, vi } from 'vitest'
import { createFigmaEmulator } from '../../playground/emulator'

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('dynamic-page rules', () => {
  it('getNodeById throws; currentPage is read-only; setCurrentPageAsync takes the page', async () => {
    const { figma } = createFigmaEmulator()
    expect(() => figma.getNodeById('0:1')).toThrow(/dynamic-page.*getNodeByIdAsync/)
    expect(() => {
      ;(figma as { currentPage: PageNode }).currentPage = figma.currentPage
    }).toThrow(/setCurrentPageAsync/)
    await expect(figma.setCurrentPageAsync(figma.currentPage)).resolves.toBeUndefined()
  })

  it('searching the whole document needs loadAllPagesAsync first', async () => {
    const { figma } = createFigmaEmulator()
    figma.createFrame()
    expect(() => figma.root.findAll()).toThrow(/loadAllPagesAsync/)
    await figma.loadAllPagesAsync()
    expect(figma.root.findAll().map((n) => n.type)).toEqual(['PAGE', 'FRAME'])
  })

  it('throws on API members it does not emulate', () => {
    const { figma } = createFigmaEmulator()
    expect(() => figma.createText()).toThrow('not emulated: figma.createText')
    expect(() => figma.ui.reposition(0, 0)).toThrow('not emulated: figma.ui.reposition')
    expect(() => figma.on('documentchange', () => {})).toThrow('not emulated')
  })
})

describe('selection', () => {
  it('accepts page nodes, fires selectionchange asynchronously, and ignores a no-op', async () => {
    const { figma } = createFigmaEmulator()
    const a = figma.createFrame()
    const b = figma.createRectangle()
    const onChange = vi.fn()
    figma.on('selectionchange', onChange)
    figma.currentPage.selection = [a, b, a]
    expect(onChange).not.toHaveBeenCalled()
    await tick()
    expect(onChange).toHaveBeenCalledTimes(1)
    expect(figma.currentPage.selection.map((n) => n.id)).toEqual([a.id, b.id])
    figma.currentPage.selection = [a, b]
    await tick()
    expect(onChange).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['the page itself', (f: PluginAPI) => [f.currentPage], /Cannot select a PAGE/],
    ['a removed node', (f: PluginAPI) => {
      const n = f.createFrame()
      n.remove()
      return [n]
    }, /does not exist/],
    ['a node of another document', () => [createFigmaEmulator().figma.createFrame()], /this document/],
  ])('refuses %s', (_case, nodes, message) => {
    const { figma } = createFigmaEmulator()
    expect(() => {
      figma.currentPage.selection = nodes(figma) as SceneNode[]
    }).toThrow(message)
  })

  it('lets the user select by id, firing the same event', async () => {
    const emulator = createFigmaEmulator()
    const frame = emulator.figma.createFrame()
    const onChange = vi.fn()
    emulator.figma.on('selectionchange', onChange)
    emulator.user.select([frame.id])
    await tick()
    expect(onChange).toHaveBeenCalledTimes(1)
    expect(emulator.figma.currentPage.selection).toEqual([frame])
    expect(() => emulator.user.select(['7:77'])).toThrow(/No node/)
  })
})

describe('run and close events', () => {
  it('fires run with the command and parameters after the top-level code registered it', async () => {
    const { figma } = createFigmaEmulator({ command: 'generate', parameters: { prompt: 'a fox' } })
    const onRun = vi.fn()
    figma.on('run', onRun)
    expect(figma.command).toBe('generate')
    expect(onRun).not.toHaveBeenCalled()
    await tick()
    expect(onRun).toHaveBeenCalledWith({ command: 'generate', parameters: { prompt: 'a fox' } })
  })

  it('closePlugin runs close handlers once, shows its message, and closes the UI', () => {
    const emulator = createFigmaEmulator()
    const { figma } = emulator
    const onClose = vi.fn()
    figma.on('close', onClose)
    figma.showUI('<p>hi</p>', { width: 360, height: 520 })
    figma.closePlugin('Done')
    figma.closePlugin()
    expect(onClose).toHaveBeenCalledTimes(1)
    expect(emulator.closed).toBe(true)
    expect(emulator.ui?.closed).toBe(true)
    expect(emulator.notifications).toEqual([{ message: 'Done' }])
  })
})

describe('UI bridge', () => {
  it('records showUI and resizes the window', () => {
    const emulator = createFigmaEmulator()
    emulator.figma.showUI('<html></html>', { width: 360, height: 560, themeColors: true })
    expect(emulator.showUI).toEqual({ html: '<html></html>', options: { width: 360, height: 560, themeColors: true } })
    emulator.figma.ui.resize(20, 300)
    expect(emulator.ui).toMatchObject({ width: 70, height: 300, visible: true })
  })

  it('delivers plugin → UI messages as clones, queued until the first subscriber', async () => {
    const emulator = createFigmaEmulator()
    const payload = { bytes: new Uint8Array([1, 2]) }
    emulator.figma.ui.postMessage(payload)
    payload.bytes[0] = 9
    const received: unknown[] = []
    emulator.onUIMessage((m) => received.push(m))
    await tick()
    expect(received).toEqual([{ bytes: new Uint8Array([1, 2]) }])
    expect(() => emulator.figma.ui.postMessage({ fn: () => 1 })).toThrow()
  })

  it('delivers UI → plugin messages to onmessage and on("message") handlers, asynchronously', async () => {
    const emulator = createFigmaEmulator()
    const viaProperty = vi.fn()
    const viaOn = vi.fn()
    const viaOnce = vi.fn()
    emulator.figma.ui.onmessage = viaProperty
    emulator.figma.ui.on('message', viaOn)
    emulator.figma.ui.once('message', viaOnce)
    emulator.sendFromUI({ type: 'hello' })
    emulator.sendFromUI({ type: 'again' })
    expect(viaProperty).not.toHaveBeenCalled()
    await tick()
    expect(viaProperty).toHaveBeenCalledWith({ type: 'hello' }, { origin: 'null' })
    expect(viaOn).toHaveBeenCalledTimes(2)
    expect(viaOnce).toHaveBeenCalledTimes(1)
  })
})

describe('reopen', () => {
  it('starts a fresh run on the same document and storage; the old figma object is dead', async () => {
    const emulator = createFigmaEmulator({ command: 'open' })
    const old = emulator.figma
    const onClose = vi.fn()
    old.on('close', onClose)
    const frame = old.createFrame()
    await old.clientStorage.setAsync('settings/v1', { token: 't' })
    old.showUI('<p></p>')
    emulator.reopen({ command: 'fill' })
    expect(onClose).toHaveBeenCalledTimes(1)
    expect(() => old.createFrame()).toThrow(/ended/)
    expect(emulator.figma.command).toBe('fill')
    expect(emulator.closed).toBe(false)
    expect(emulator.showUI).toBeNull()
    expect(await emulator.figma.getNodeByIdAsync(frame.id)).toBe(frame)
    expect(await emulator.figma.clientStorage.getAsync('settings/v1')).toEqual({ token: 't' })
  })
})

describe('clientStorage', () => {
  it('round-trips JSON and Uint8Array as fresh copies, lists and deletes keys', async () => {
    const { figma } = createFigmaEmulator()
    const value = { n: 1, list: ['a'], bytes: new Uint8Array([0, 255]) }
    await figma.clientStorage.setAsync('a', value)
    await figma.clientStorage.setAsync('b', 'text')
    const read = await figma.clientStorage.getAsync('a')
    expect(read).toEqual(value)
    expect(read).not.toBe(value)
    expect(read.bytes).toBeInstanceOf(Uint8Array)
    expect(await figma.clientStorage.keysAsync()).toEqual(['a', 'b'])
    await figma.clientStorage.deleteAsync('a')
    expect(await figma.clientStorage.getAsync('a')).toBeUndefined()
    expect(await figma.clientStorage.keysAsync()).toEqual(['b'])
  })

  it('enforces the 5 MB quota and persists through the given storage', async () => {
    const map = new Map<string, string>()
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) }
    const first = createFigmaEmulator({ storage })
    await expect(first.figma.clientStorage.setAsync('big', 'x'.repeat(6 * 1024 * 1024))).rejects.toThrow(/full/)
    await first.figma.clientStorage.setAsync('kept', 42)
    expect(await createFigmaEmulator({ storage }).figma.clientStorage.getAsync('kept')).toBe(42)
  })
})

describe('notify, undo, viewport, misc', () => {
  it('records notifications truncated to 100 characters; cancel and timeouts dequeue them', async () => {
    vi.useFakeTimers()
    try {
      const emulator = createFigmaEmulator()
      const onDequeue = vi.fn()
      emulator.figma.notify('x'.repeat(150))
      const handle = emulator.figma.notify('Generating…', { timeout: Infinity, onDequeue })
      expect(emulator.notifications[0].message).toHaveLength(100)
      expect(emulator.activeNotifications.map((n) => n.message)).toEqual(['x'.repeat(100), 'Generating…'])
      vi.advanceTimersByTime(3000)
      expect(emulator.activeNotifications.map((n) => n.message)).toEqual(['Generating…'])
      handle.cancel()
      expect(onDequeue).toHaveBeenCalledWith('dismiss')
      expect(emulator.activeNotifications).toEqual([])
    } finally {
      vi.useRealTimers()
    }
  })

  it('counts commitUndo, fits the viewport, encodes base64', () => {
    const emulator = createFigmaEmulator()
    const { figma } = emulator
    figma.commitUndo()
    figma.commitUndo()
    expect(emulator.undoCommits).toBe(2)
    const frame = figma.createFrame()
    frame.resize(2000, 1000)
    figma.viewport.scrollAndZoomIntoView([frame])
    expect(figma.viewport.center).toEqual({ x: 1000, y: 500 })
    expect(figma.viewport.zoom).toBeGreaterThan(0)
    expect(figma.base64Encode(new Uint8Array([104, 105]))).toBe('aGk=')
    expect(figma.base64Decode('aGk=')).toEqual(new Uint8Array([104, 105]))
    expect(typeof figma.mixed).toBe('symbol')
    expect(figma.editorType).toBe('figma')
  })
})
