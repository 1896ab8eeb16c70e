// Endpoint `getSelection`: the current selection, as the `selection` event also reports it.
import type { SelectionState } from '../../shared/protocol/messages'
import { selectionStateAsync } from '../selection/selection-state'

export function getSelection(): Promise<SelectionState> {
  return selectionStateAsync(figma.currentPage.selection)
}
