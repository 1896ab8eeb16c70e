/**
 * The playground: a Figma stand-in that runs the real built plugin (dist/code.js + dist/ui.html) against the
 * emulator, draws the document, and exposes `window.playground` for tests. Query: see playground-config.ts.
 */
import { SETTINGS_KEY } from '../../../plugin/settings'
import { createFigmaEmulator, type FigmaEmulator, type ReopenOptions } from '../emulator'
import { createCanvasRenderer } from './canvas-renderer'
import { mountDocumentView } from './document-view'
import { el } from './dom'
import { mountErrorBanner } from './error-banner'
import { mountHeader } from './header'
import type {} from './playground-api'
import { readPlaygroundConfig, type PlaygroundConfig } from './playground-config'
import { startPluginRun, type PluginRun } from './plugin-runner'
import { PluginWindow } from './plugin-window'
import { loadManifestCsp } from './manifest-csp'
import { mountToasts } from './toasts'
import { mountFiles } from './files'

const config = readPlaygroundConfig(location.search, matchMedia('(prefers-color-scheme: dark)').matches)
document.documentElement.dataset.theme = config.theme

const emulator: FigmaEmulator = createFigmaEmulator({
  storage: localStorage,
  command: config.command,
  parameters: config.parameters,
  render: createCanvasRenderer(() => emulator.getImage),
})
const files = mountFiles(emulator, config)

const header = el('header', { className: 'topbar', testId: 'playground-header' })
const canvas = el('main', { className: 'canvas', testId: 'canvas', attrs: { 'data-scenario': config.scenario } })
const toasts = el('div', { className: 'toasts', testId: 'toasts', attrs: { 'aria-live': 'polite' } })
document.body.replaceChildren(header, canvas, toasts)

const errors = mountErrorBanner(canvas)
window.addEventListener('error', (event) => errors.show(event.error ?? event.message))
window.addEventListener('unhandledrejection', (event) => errors.show(event.reason))

let run: PluginRun | null = null
const launch = async () => {
  try {
    run = await startPluginRun(emulator, errors.show)
  } catch (error) {
    // The code could not be loaded (not built yet): show it as a closed plugin that "Reopen" retries.
    errors.show(error)
    emulator.user.closePlugin()
  }
}
const reopen = async (options: ReopenOptions = {}) => {
  run?.stop()
  emulator.reopen(options)
  await launch()
}

let csp: string | null = null
const pluginWindow = new PluginWindow(emulator, { theme: config.theme, csp: () => csp, onReopen: () => void reopen() })
canvas.append(pluginWindow.element)
const view = mountDocumentView(canvas, emulator, { reservedRight: () => pluginWindow.occupiedWidth })
new ResizeObserver(() => view.refresh()).observe(pluginWindow.element)
mountToasts(toasts, emulator)
mountHeader(header, emulator, config, {
  relaunch: (command) => void reopen({ command }),
  clearStorage() {
    files.stop()
    localStorage.clear()
    location.reload()
  },
})

const ready = Promise.all([
  presetSettingsAsync(emulator, config),
  loadManifestCsp().then(
    (policy) => void (csp = policy),
    (error: unknown) => errors.show(error),
  ),
]).then(launch)
window.playground = {
  emulator,
  config,
  ready,
  reopen,
  select: (ids) => emulator.user.select(ids),
  snapshot: () => emulator.snapshot(),
}

/** `?backend=` and `?token=` go into the plugin's stored settings before it starts, as if typed in its panel. */
async function presetSettingsAsync(target: FigmaEmulator, { backend, token }: PlaygroundConfig): Promise<void> {
  if (backend === null && token === null) return
  const stored: unknown = await target.figma.clientStorage.getAsync(SETTINGS_KEY)
  const settings = typeof stored === 'object' && stored !== null ? { ...(stored as Record<string, unknown>) } : {}
  if (backend !== null) settings.backendUrl = backend
  if (token !== null) settings.token = token
  await target.figma.clientStorage.setAsync(SETTINGS_KEY, settings)
}
