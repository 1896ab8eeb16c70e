/**
 * Runs the real built main thread (`dist/code.js`) against the emulator, with `figma` and `__html__` as globals.
 * Each run gets its own timers and fetch, cancelled when the plugin is reopened (Figma tears the sandbox down),
 * and DOM globals the Figma sandbox lacks are hidden so main-thread code cannot lean on them by accident.
 */
import type { FigmaEmulator } from '../emulator'
import { MISSING_GLOBALS } from '../sandbox-globals'

/** Globals present in a browser page but not in Figma's main-thread sandbox (URL, TextEncoder, crypto, DOM…). */
const HIDDEN_GLOBALS = MISSING_GLOBALS

export interface PluginRun {
  stop(): void
}

export async function startPluginRun(emulator: FigmaEmulator, onError: (error: unknown) => void): Promise<PluginRun> {
  const [code, html] = await Promise.all([fetchText('/dist/code.js'), fetchText('/dist/ui.html')])
  const scope = createRunScope()
  const names = ['figma', '__html__', '__uiFiles__', ...Object.keys(scope.globals), ...HIDDEN_GLOBALS]
  const values = [emulator.figma, html, undefined, ...Object.values(scope.globals), ...HIDDEN_GLOBALS.map(() => undefined)]
  try {
    const main = new Function(...names, `${code}\n//# sourceURL=kling-frames/dist/code.js`)
    main(...values)
  } catch (error) {
    onError(error)
  }
  return { stop: scope.stop }
}

async function fetchText(path: string): Promise<string> {
  const response = await fetch(path, { cache: 'no-store' })
  if (!response.ok) throw new Error(`${path} is missing (${response.status}). Build the plugin first: npm run build`)
  return response.text()
}

function createRunScope() {
  const timeouts = new Set<number>()
  const intervals = new Set<number>()
  const aborter = new AbortController()
  let stopped = false
  const globals = {
    setTimeout(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number {
      const id = window.setTimeout(() => {
        timeouts.delete(id)
        if (!stopped) callback(...args)
      }, ms)
      timeouts.add(id)
      return id
    },
    clearTimeout(id: number) {
      timeouts.delete(id)
      window.clearTimeout(id)
    },
    setInterval(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): number {
      const id = window.setInterval(() => {
        if (!stopped) callback(...args)
      }, ms)
      intervals.add(id)
      return id
    },
    clearInterval(id: number) {
      intervals.delete(id)
      window.clearInterval(id)
    },
    fetch(input: RequestInfo | URL, init?: RequestInit) {
      return window.fetch(input, { ...init, signal: aborter.signal })
    },
  }
  return {
    globals,
    stop() {
      stopped = true
      timeouts.forEach((id) => window.clearTimeout(id))
      intervals.forEach((id) => window.clearInterval(id))
      aborter.abort()
    },
  }
}
