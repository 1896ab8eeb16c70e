// Main thread: which selected nodes the Image view offers as references.
import { MAX_REFERENCES } from '../../shared/protocol/messages'
import { isExportable } from './find-reference'

/** The selected nodes that can be exported, in selection order, at most `MAX_REFERENCES`. */
export function findReferences(selection: readonly SceneNode[]): SceneNode[] {
  return selection.filter(isExportable).slice(0, MAX_REFERENCES)
}
