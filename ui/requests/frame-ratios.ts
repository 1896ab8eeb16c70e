import type { AspectRatio } from '../../shared/api/enums'
import { coverCropFraction, nearestAspectRatio, ratioValue } from '../../shared/geometry/aspect-ratio'
import type { NodeSummary, SelectionState } from '../../shared/protocol/messages'

/** "Match selection", or one ratio for everything. */
export type RatioChoice = 'match' | AspectRatio

export interface FrameRatio {
  node: NodeSummary
  ratio: AspectRatio
  /** Fraction of the generated image that FILL hides in this frame. */
  crop: number
}

/** Node types that can take an image fill. Others in the selection (text, groups, vectors) are left alone. */
const FILLABLE = new Set(['FRAME', 'RECTANGLE', 'ELLIPSE', 'COMPONENT', 'INSTANCE', 'POLYGON', 'STAR'])

export function fillableNodes(selection: SelectionState | null): NodeSummary[] {
  return selection ? selection.nodes.filter((n) => FILLABLE.has(n.type) && n.width > 0 && n.height > 0) : []
}

/** The ratio each frame is generated at: its nearest supported one, or the chosen one for all. */
export function frameRatios(
  nodes: readonly NodeSummary[],
  choice: RatioChoice,
  allowed: readonly AspectRatio[],
): FrameRatio[] {
  if (allowed.length === 0) return []
  return nodes.map((node) => {
    if (choice === 'match') return { node, ...nearestAspectRatio(node.width, node.height, allowed) }
    return { node, ratio: choice, crop: coverCropFraction(ratioValue(choice), node.width / node.height) }
  })
}

/** "3% cropped"; below half a percent says "no crop". */
export function cropText(crop: number): string {
  const percent = Math.round(crop * 100)
  return percent === 0 ? 'no crop' : `${percent}% cropped`
}
