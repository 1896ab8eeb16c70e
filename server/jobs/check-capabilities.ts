import type { Operation } from '../../shared/api/enums'
import type { CreateJobRequest, FieldIssue, ModelCapabilities, OperationCapabilities } from '../../shared/api/schemas'
import { ApiError } from '../errors'
import type { Provider } from '../providers/provider'

/** Optional request fields a model takes only when its capability entry lists them in `parameters`. */
const OPTIONAL_FIELDS = [
  'negative_prompt',
  'image_reference',
  'image_fidelity',
  'human_fidelity',
  'scene_image',
  'style_image',
  'result_type',
  'series_amount',
] as const satisfies readonly (keyof CreateJobRequest)[]

/**
 * The request's model for its operation, checked against the provider's capability map before anything goes
 * upstream: an unknown model is 404 `model_not_found`; a known model that cannot do the operation, or cannot take
 * a field or value of the request, is 400 `operation_not_supported` naming the model and the operation or field.
 */
export function checkCapabilities(provider: Provider, req: CreateJobRequest): { model: ModelCapabilities; rules: OperationCapabilities } {
  const op = req.operation
  const offering = provider.models().filter((m) => m.by_operation[op])
  if (!offering.length) {
    // The provider may say why (a seller without its own endpoint for it, or no public URL for its inputs).
    const why = provider.unavailable().find((u) => u.operation === op)?.reason
    throw new ApiError('operation_not_supported', why ?? `The ${provider.name} provider does not offer ${op}.`)
  }
  const modelId = req.model ?? provider.defaultModels[op] ?? offering[0].id
  const model = provider.models().find((m) => m.id === modelId)
  if (!model) {
    throw new ApiError(
      'model_not_found',
      `The ${provider.name} provider has no model ${modelId}; models that do ${op}: ${offering.map((m) => m.id).join(', ')}.`,
    )
  }
  const rules = model.by_operation[op]
  if (!rules) {
    throw new ApiError(
      'operation_not_supported',
      `${model.id} cannot do ${op}; models that can: ${offering.map((m) => m.id).join(', ')}.`,
      { details: [{ path: 'operation', message: `${model.id} does ${model.operations.join(', ')}` }] },
    )
  }
  const issues = fieldIssues(model.id, op, rules, req)
  if (issues.length) {
    const fields = [...new Set(issues.map((i) => i.path))].join(', ')
    throw new ApiError('operation_not_supported', `${model.id} cannot take ${fields} for ${op}.`, { details: issues })
  }
  return { model, rules }
}

function fieldIssues(modelId: string, op: Operation, rules: OperationCapabilities, req: CreateJobRequest): FieldIssue[] {
  const issues: FieldIssue[] = []
  const add = (path: string, message: string) => issues.push({ path, message: `${modelId} ${message}` })
  const offers = (list: readonly string[]) => list.join(', ')

  if (req.aspect_ratio !== undefined) {
    if (!rules.aspect_ratios.length) {
      add('aspect_ratio', rules.style_transfer ? 'keeps the input image\'s size and takes no aspect_ratio' : `takes no aspect_ratio for ${op}`)
    } else if (!(rules.aspect_ratios as string[]).includes(req.aspect_ratio)) {
      add('aspect_ratio', `offers ${offers(rules.aspect_ratios)} for ${op}`)
    }
  }
  if (req.resolution !== undefined) {
    if (!rules.resolutions.length) {
      add('resolution', rules.style_transfer ? 'keeps the input image\'s size and takes no resolution' : `takes no resolution for ${op}`)
    } else if (!rules.resolutions.includes(req.resolution)) {
      add('resolution', `offers ${offers(rules.resolutions)} for ${op}`)
    }
  }
  if (req.n !== undefined && (req.n < rules.n.min || req.n > rules.n.max)) {
    add('n', `makes ${rules.n.min} to ${rules.n.max} images per ${op} job`)
  }
  for (const field of OPTIONAL_FIELDS) {
    if (req[field] !== undefined && !rules.parameters.includes(field)) add(field, `does not take ${field} for ${op}`)
  }
  if (req.result_type === 'series' && !rules.series && rules.parameters.includes('result_type')) {
    add('result_type', 'does not offer a series')
  }
  if (rules.series && req.series_amount !== undefined && (req.series_amount < rules.series.min || req.series_amount > rules.series.max)) {
    add('series_amount', `makes series of ${rules.series.min} to ${rules.series.max} images`)
  }
  const count = inputCount(req)
  if (count !== null && (count.n < rules.images.min || count.n > rules.images.max)) {
    add(count.field, `takes ${rules.images.min === rules.images.max ? rules.images.min : `${rules.images.min} to ${rules.images.max}`} ${count.field} for ${op}`)
  }
  if (req.aspect_ratio === 'auto' && rules.auto_needs_image && (count?.n ?? 0) === 0) {
    add('aspect_ratio', 'offers "auto" only with at least one reference image; choose a ratio for a prompt alone')
  }
  return issues
}

/** The number of input images in the operation's own image field, for the count rule. */
function inputCount(req: CreateJobRequest): { field: string; n: number } | null {
  switch (req.operation) {
    case 'multi_reference':
      return { field: 'subject_images', n: req.subject_images?.length ?? 0 }
    case 'omni':
      return { field: 'images', n: req.images?.length ?? 0 }
    default:
      return null
  }
}
