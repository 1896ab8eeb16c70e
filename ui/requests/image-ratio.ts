import type { AspectRatio, RequestAspectRatio } from '../../shared/api/enums'
import type { OperationCapabilities } from '../../shared/api/schemas'
import { nearestAspectRatio } from '../../shared/geometry/aspect-ratio'
import type { NodeSummary } from '../../shared/protocol/messages'
import type { ImageRatioChoice } from './image-form'

/** The custom ratios an operation takes (without `auto`). */
export function customRatios(rules: OperationCapabilities): AspectRatio[] {
  return rules.aspect_ratios.filter((r): r is AspectRatio => r !== 'auto')
}

export function offersAuto(rules: OperationCapabilities): boolean {
  return rules.aspect_ratios.includes('auto')
}

/**
 * The ratio to send: the chosen one where the operation takes it; for "match", `auto` where the model picks a
 * ratio itself, else the ratio nearest to `anchor` (the scene, or the first image); null when no ratio is taken.
 */
export function resolveRatio(
  choice: ImageRatioChoice,
  rules: OperationCapabilities,
  anchor: NodeSummary | null,
): RequestAspectRatio | null {
  if (rules.aspect_ratios.length === 0) return null
  if (choice !== 'match' && rules.aspect_ratios.includes(choice)) return choice
  if (offersAuto(rules)) return 'auto'
  const ratios = customRatios(rules)
  if (anchor && anchor.width > 0 && anchor.height > 0 && ratios.length) return nearestAspectRatio(anchor.width, anchor.height, ratios).ratio
  return rules.default_aspect_ratio ?? rules.aspect_ratios[0]
}
