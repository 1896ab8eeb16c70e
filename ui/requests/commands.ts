import type { Capabilities } from '../../shared/api/schemas'
import { nearestAspectRatio } from '../../shared/geometry/aspect-ratio'
import type { Command, NodeSummary, SelectionState } from '../../shared/protocol/messages'
import { fillableNodes } from './frame-ratios'
import type { JobSpec } from '../jobs/job-spec'
import type { Route } from '../routes'
import { DEFAULT_GENERATE_FORM, planGenerate } from './generate'
import { DEFAULT_IMAGE_TO_IMAGE_FORM, planImageToImage } from './image-to-image'
import { clamp, pickModel, shorten } from './models'

/** Commands that start jobs at once: relaunch buttons with a stored prompt, the quick action with a typed one. */
export function commandRuns(command: Command): boolean {
  const prompted = !!command.prompt?.trim() || !!command.targets?.some((t) => t.prompt.trim())
  return prompted && (command.name === 'regenerate' || command.name === 'variations' || command.name === 'generate')
}

/** The view a command opens. Commands that run at once show the jobs. */
export function commandRoute(command: Command): Route {
  switch (command.name) {
    case 'generate':
      // "Generate into selection" with a typed prompt runs at once; without one, the prompt field waits.
      return commandRuns(command) ? ['jobs'] : ['generate']
    case 'open':
      return ['generate']
    case 'expand':
      return ['expand']
    case 'fill':
      return ['fill']
    case 'regenerate':
    case 'variations':
      // Without a stored prompt there is nothing to run: let the user write one.
      return command.prompt?.trim() ? ['jobs'] : ['generate']
  }
}

export const VARIATIONS = 4

/**
 * The "Generate into selection" quick action: the typed prompt into the selected frames (each at its nearest
 * ratio), or one new frame when none is selected, with the default model.
 */
export function planQuickGenerate(prompt: string, selection: SelectionState, caps: Capabilities): JobSpec[] {
  const model = pickModel(caps, 'generate', '')
  if (!model || !prompt.trim()) return []
  return planGenerate({ ...DEFAULT_GENERATE_FORM, prompt }, fillableNodes(selection), model)
}

/** "Regenerate": the node's stored prompt again, at the node's nearest ratio, into the node itself. */
export function planRegenerate(prompt: string, node: NodeSummary, caps: Capabilities): JobSpec[] {
  const model = pickModel(caps, 'generate', '')
  if (!model || !prompt.trim()) return []
  return planGenerate({ ...DEFAULT_GENERATE_FORM, prompt }, [node], model)
}

/**
 * "Variations": four more like the node, beside it. Image to image from the node's pixels when a model can;
 * otherwise the same prompt again at the node's ratio.
 */
export function planVariations(
  prompt: string,
  node: NodeSummary,
  caps: Capabilities,
  imageBase64: string | null,
): JobSpec | null {
  const placement = { kind: 'beside' as const, sourceId: node.id }
  const i2i = pickModel(caps, 'image_to_image', '')
  if (i2i && imageBase64 && prompt.trim()) {
    return planImageToImage({ ...DEFAULT_IMAGE_TO_IMAGE_FORM, prompt, n: VARIATIONS }, node, imageBase64, i2i)
  }
  const model = pickModel(caps, 'generate', '')
  const text = prompt.trim()
  if (!model || !text) return null
  const { ratio } = nearestAspectRatio(node.width, node.height, model.aspect_ratios)
  const n = clamp(VARIATIONS, model.n.min, model.n.max)
  return {
    label: shorten(text),
    detail: `${ratio} · ${n} variations`,
    placement,
    meta: { operation: 'generate', prompt: text, model: model.id, aspectRatio: ratio },
    request: { operation: 'generate', model: model.id, prompt: text, aspect_ratio: ratio, resolution: model.resolutions[0], n },
  }
}
