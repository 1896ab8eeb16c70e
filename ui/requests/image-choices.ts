/**
 * What the Image view can do with the selected references, from the backend's capabilities (never hard-coded):
 * one entry per model and operation that takes that many images. One image: image to image (a restyle where the
 * model is a style-transfer one) or Omni; two to four: multi-image reference or Omni.
 */
import type { Operation } from '../../shared/api/enums'
import type { Capabilities, ModelCapabilities, OperationCapabilities } from '../../shared/api/schemas'

export type ImageOperation = Extract<Operation, 'image_to_image' | 'multi_reference' | 'omni'>

/** In the order the picker lists them: the operation that fits the selection best first. */
const IMAGE_OPERATIONS: readonly ImageOperation[] = ['image_to_image', 'multi_reference', 'omni']

export interface ImageChoice {
  /** `operation:model`, the picker's value. */
  key: string
  operation: ImageOperation
  model: ModelCapabilities
  rules: OperationCapabilities
  /** Style transfer: the output keeps the input's size; no ratio, no resolution. */
  restyle: boolean
}

export function choiceKey(operation: ImageOperation, modelId: string): string {
  return `${operation}:${modelId}`
}

/** Every model and image operation that takes `count` reference images. */
export function imageChoices(caps: Capabilities | null, count: number): ImageChoice[] {
  if (!caps || count < 1) return []
  const choices: ImageChoice[] = []
  for (const operation of IMAGE_OPERATIONS) {
    for (const model of caps.models) {
      const rules = model.by_operation[operation]
      // One image is redrawn or restyled; combining starts at two (Kling would take a single subject too).
      const min = operation === 'multi_reference' ? 2 : Math.max(1, rules?.images.min ?? 1)
      if (!rules || count < min || count > rules.images.max) continue
      choices.push({ key: choiceKey(operation, model.id), operation, model, rules, restyle: rules.style_transfer })
    }
  }
  return choices
}

/**
 * The chosen entry when it is still offered; else the backend's default model for the first operation that fits
 * (image to image for one image, multi-image reference for several); else the first entry.
 */
export function pickChoice(caps: Capabilities | null, choices: readonly ImageChoice[], chosen: string): ImageChoice | null {
  const exact = choices.find((c) => c.key === chosen)
  if (exact) return exact
  for (const operation of IMAGE_OPERATIONS) {
    const model = caps?.default_models[operation]
    const fallback = model ? choices.find((c) => c.key === choiceKey(operation, model)) : undefined
    if (fallback) return fallback
  }
  return choices[0] ?? null
}

const OPERATION_LABEL: Record<ImageOperation, string> = {
  image_to_image: 'Image to image',
  multi_reference: 'Multi-image reference',
  omni: 'Omni',
}

/** What the picker's option says: the model and what it will do, e.g. "Kling Omni 3.0 · Omni, series, 4K". */
export function choiceLabel(choice: ImageChoice): string {
  return `${choice.model.label} · ${abilities(choice).join(', ')}`
}

/** The choice's abilities in a few words: the operation first, then what sets it apart. */
export function abilities(choice: ImageChoice): string[] {
  const { rules } = choice
  const words = [choice.restyle ? 'Restyle' : OPERATION_LABEL[choice.operation]]
  if (choice.restyle) words.push('keeps the size')
  if (rules.parameters.includes('image_reference')) words.push('subject or face')
  if (rules.parameters.includes('scene_image') || rules.parameters.includes('style_image')) words.push('scene and style')
  if (rules.series) words.push('series')
  if (rules.resolutions.includes('4k')) words.push('4K')
  else if (rules.resolutions.includes('2k')) words.push('2K')
  return words
}
