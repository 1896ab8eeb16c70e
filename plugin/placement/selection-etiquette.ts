// Main thread: whether a finished job may take the selection and the viewport, and doing so.

/** The selection Kling Frames itself set last (placed frames): still "unchanged" from the user's point of view. */
let ownSelection: string[] = []

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id))
}

/**
 * True when the user has not changed the selection since the job started, so its result may be selected and
 * scrolled to. Jobs without a recorded selection (from an older panel) count as unchanged. A selection that
 * placement itself made (an earlier job of the same batch) also counts as unchanged.
 */
export function mayTakeFocus(selectionAtStart: readonly string[] | undefined): boolean {
  if (!Array.isArray(selectionAtStart)) return true
  const current = figma.currentPage.selection.map((node) => node.id)
  return sameIds(current, selectionAtStart) || (ownSelection.length > 0 && sameIds(current, ownSelection))
}

/**
 * Selects `nodes` (adding to a selection placement made before, so a batch ends up selected together) and
 * brings them into view. Only nodes on the current page can be selected.
 */
export function takeFocus(nodes: readonly SceneNode[], scroll = true): void {
  const current = figma.currentPage.selection
  const keep = sameIds(current.map((n) => n.id), ownSelection) ? current.filter((n) => !n.removed) : []
  const next = [...keep, ...nodes.filter((n) => !keep.includes(n))]
  figma.currentPage.selection = next
  ownSelection = next.map((n) => n.id)
  if (scroll) figma.viewport.scrollAndZoomIntoView(nodes)
}

/** The user picked "Show" on a notification: select these nodes and scroll to them. */
export async function showNodesAsync(ids: readonly string[]): Promise<void> {
  const nodes: SceneNode[] = []
  for (const id of ids) {
    const node = await figma.getNodeByIdAsync(id).catch(() => null)
    if (node && !node.removed && node.type !== 'DOCUMENT' && node.type !== 'PAGE' && isOnCurrentPage(node)) nodes.push(node as SceneNode)
  }
  if (nodes.length === 0) return
  figma.currentPage.selection = nodes
  ownSelection = nodes.map((n) => n.id)
  figma.viewport.scrollAndZoomIntoView(nodes)
}

function isOnCurrentPage(node: BaseNode): boolean {
  for (let n: BaseNode | null = node; n; n = n.parent) if (n.id === figma.currentPage.id) return true
  return false
}
