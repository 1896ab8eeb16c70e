// Main thread: selection changes, summarised for the UI.
import type { SelectionState } from '../../shared/protocol/messages'
import { selectionStateAsync } from './selection-state'

/** Drag-selecting fires selectionchange many times a second; the UI needs the settled result. */
const DEBOUNCE_MS = 100

/**
 * Calls `report` with the selection state once the selection has been still for 100 ms. `refresh()` reports the
 * current state after the same pause, for changes that fire no event (an image landing in a selected placeholder).
 * A state computed for an older selection, or after the plugin closed, is dropped.
 */
export function watchSelection(report: (state: SelectionState) => void): { refresh(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined
  let latest = 0
  const refresh = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(async () => {
      timer = undefined
      const run = ++latest
      const state = await selectionStateAsync(figma.currentPage.selection)
      if (run === latest) report(state)
    }, DEBOUNCE_MS)
  }
  figma.on('selectionchange', refresh)
  // Nothing is reported once the plugin closes: a pending report would touch an API that is going away.
  figma.on('close', () => {
    if (timer !== undefined) clearTimeout(timer)
    latest++
  })
  return { refresh }
}
