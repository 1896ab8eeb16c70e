import type { CreateJobRequest, ModelCapabilities, OperationCapabilities } from '../../shared/api/schemas'
import type { NodeSummary } from '../../shared/protocol/messages'
import type { JobSpec } from '../jobs/job-spec'
import { clientRef } from './generate'
import type { ImageForm } from './image-form'
import { resolveRatio } from './image-ratio'
import { clamp, orFirst, plural, shorten } from './models'
import { rolesIssue, splitByRole } from './reference-roles'

export type MultiReferenceForm = Pick<ImageForm, 'prompt' | 'negativePrompt' | 'aspect' | 'resolution' | 'n' | 'roles'>

/**
 * Kling's multi-image reference: the subjects combined into one picture, optionally put into the scene image and
 * drawn in the style image. `images` holds each reference's upload (base64) by node id. The results land as new
 * frames in a row beside the references.
 */
export function planMultiReference(
  form: MultiReferenceForm,
  references: readonly NodeSummary[],
  images: ReadonlyMap<string, string>,
  model: ModelCapabilities,
  rules: OperationCapabilities,
): JobSpec {
  const split = splitByRole(references, form.roles)
  const issue = rolesIssue(split, rules.images.max)
  if (issue) throw new Error(issue)
  const upload = (node: NodeSummary) => {
    const image = images.get(node.id)
    if (!image) throw new Error(`${node.name} is not ready to upload yet.`)
    return image
  }
  const prompt = form.prompt.trim()
  const n = clamp(form.n, rules.n.min, rules.n.max)
  const request: CreateJobRequest = {
    operation: 'multi_reference',
    model: model.id,
    subject_images: split.subjects.map(upload),
    n,
    client_ref: clientRef(references.map((r) => r.id)),
  }
  if (prompt) request.prompt = prompt
  const negative = form.negativePrompt.trim()
  if (negative && rules.parameters.includes('negative_prompt')) request.negative_prompt = negative
  if (split.scene && rules.parameters.includes('scene_image')) request.scene_image = upload(split.scene)
  if (split.style && rules.parameters.includes('style_image')) request.style_image = upload(split.style)
  const ratio = resolveRatio(form.aspect, rules, split.scene ?? split.subjects[0] ?? null)
  if (ratio) request.aspect_ratio = ratio
  if (rules.resolutions.length) request.resolution = orFirst(form.resolution, rules.resolutions)

  const parts = [plural(split.subjects.length, 'subject')]
  if (request.scene_image) parts.push('scene')
  if (request.style_image) parts.push('style')
  return {
    label: shorten(prompt || `${split.subjects.map((s) => s.name).join(', ')}`),
    detail: `${parts.join(' + ')} · ${plural(n, 'image')}`,
    placement: { kind: 'row', besideIds: references.map((r) => r.id), numbered: false },
    meta: {
      operation: 'multi_reference',
      prompt: prompt || split.subjects.map((s) => s.name).join(', '),
      model: model.id,
      ...(ratio && ratio !== 'auto' ? { aspectRatio: ratio } : {}),
    },
    request,
  }
}
