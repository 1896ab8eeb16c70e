/**
 * Named documents (`&file=A`, `&file=B`) kept in localStorage, so a file keeps its nodes and pluginData across
 * page loads as a Figma file does, while every file shares the one clientStorage (also localStorage), as files
 * on one computer share a plugin's clientStorage. Without `file`, the scenario starts a fresh page on every load.
 */
import type { FigmaEmulator, SavedDocument } from '../emulator'
import type { PlaygroundConfig } from './playground-config'

const PREFIX = 'playground.file/'
const SAVE_DELAY_MS = 150

export function mountFiles(emulator: FigmaEmulator, config: PlaygroundConfig): { stop(): void } {
  const key = config.file ? PREFIX + config.file : null
  const saved = key ? readSaved(key) : null
  if (saved) emulator.restoreDocument(saved)
  else emulator.loadScenario(config.scenario)
  if (!key) return { stop() {} }

  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const save = () => {
    timer = undefined
    if (stopped) return
    try {
      localStorage.setItem(key, JSON.stringify(emulator.saveDocument()))
    } catch {
      // Over the storage quota with images: keep the nodes and pluginData, which is what a file must not lose.
      localStorage.setItem(key, JSON.stringify(emulator.saveDocument(false)))
    }
  }
  save()
  const stopChanges = emulator.onChange(() => {
    if (timer === undefined) timer = setTimeout(save, SAVE_DELAY_MS)
  })
  // A change just before navigating away must not be lost.
  addEventListener('pagehide', () => {
    if (timer !== undefined) save()
  })
  return {
    stop() {
      stopped = true
      stopChanges()
      if (timer !== undefined) clearTimeout(timer)
    },
  }
}

function readSaved(key: string): SavedDocument | null {
  const raw = localStorage.getItem(key)
  if (!raw) return null
  try {
    return JSON.parse(raw) as SavedDocument
  } catch {
    return null
  }
}
