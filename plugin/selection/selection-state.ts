// Main thread: everything the UI needs to know about the current selection.
import type { SelectionState } from '../../shared/protocol/messages'
import { findExpandTargetAsync } from './find-expand-target'
import { findPlaceholders } from './find-placeholders'
import { findReference } from './find-reference'
import { findReferences } from './find-references'
import { summarizeNode } from './summarize-node'

export async function selectionStateAsync(selection: readonly SceneNode[]): Promise<SelectionState> {
  const reference = findReference(selection)
  return {
    nodes: selection.map(summarizeNode),
    placeholders: findPlaceholders(selection).map(summarizeNode),
    reference: reference ? summarizeNode(reference) : null,
    references: findReferences(selection).map(summarizeNode),
    expand: await findExpandTargetAsync(selection),
  }
}
