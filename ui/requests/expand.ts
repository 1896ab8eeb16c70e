import type { Expansion } from '../../shared/api/schemas'
import { expansionToCover, planExpansion, type ExpansionPlan } from '../../shared/geometry/expansion'
import type { Size } from '../../shared/geometry/rect'
import type { ExpandTarget } from '../../shared/protocol/messages'
import type { JobSpec } from '../jobs/job-spec'
import { shorten } from './models'

export type Side = 'top' | 'right' | 'bottom' | 'left'

export interface SideGrowth {
  side: Side
  /** Multiple of the image's height (top, bottom) or width (left, right). */
  fraction: number
  /** The same in the frame's pixels. */
  px: number
}

export interface ExpandSummary {
  expansion: Expansion
  sides: SideGrowth[]
  plan: ExpansionPlan
  /** "Needs 2 passes: 800×600 → 1131×849 → 1600×900", or null for one pass. */
  passes: string | null
}

export const size = (s: Size) => `${Math.round(s.width)}×${Math.round(s.height)}`

/** How the target's image must grow to cover its frame, and how many Kling calls that takes. */
export function summarizeExpand(target: ExpandTarget): ExpandSummary {
  const { image } = target
  const expansion = expansionToCover(image, { x: 0, y: 0, ...target.frame })
  const sides: SideGrowth[] = (['top', 'left', 'bottom', 'right'] as const).map((side) => ({
    side,
    fraction: expansion[side],
    px: Math.round(expansion[side] * (side === 'top' || side === 'bottom' ? image.height : image.width)),
  }))
  const plan = planExpansion({ width: image.width, height: image.height }, expansion)
  const passes =
    plan.ok && plan.steps.length > 1
      ? `Needs ${plan.steps.length} passes: ${[plan.steps[0].input, ...plan.steps.map((s) => s.output)].map(size).join(' → ')}`
      : null
  return { expansion, sides, plan, passes }
}

/** The expand job: the first pass's request, and the later passes' ratios (fed the previous result). */
export function planExpand(
  target: ExpandTarget,
  summary: ExpandSummary,
  imageBase64: string,
  prompt: string,
  model: string | null,
): JobSpec | null {
  if (!summary.plan.ok) return null
  const [first, ...rest] = summary.plan.steps
  const text = prompt.trim()
  const passes = summary.plan.steps.length
  return {
    label: text ? shorten(text) : `Expand to ${size(summary.plan.output)}`,
    detail: `${size(target.image)} → ${size(summary.plan.output)}${passes > 1 ? ` · ${passes} passes` : ''}`,
    placement: { kind: 'expand', frameId: target.frameId, sourceId: target.sourceId },
    meta: { operation: 'expand', prompt: text, model: model ?? '' },
    request: {
      operation: 'expand',
      ...(model ? { model } : {}),
      ...(text ? { prompt: text } : {}),
      image: imageBase64,
      expansion: first.expansion,
    },
    chain: rest.map((s) => s.expansion),
  }
}
