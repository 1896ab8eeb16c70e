import { IMPLEMENTED_OPERATIONS, type ImplementedOperation } from '../../shared/api/enums'
import { createJobIssues, type CreateJobRequest, type FieldIssue, type ModelCapabilities } from '../../shared/api/schemas'
import { ApiError } from '../errors'
import type { Provider } from '../providers/provider'
import { findModel } from '../providers/registry'
import { invalidRequest } from '../validate'
import { checkInputImage } from './input-image'
import type { JobOptions } from './job-row'

/** A create request that passed every rule: what to store and submit. */
export interface JobPlan {
  operation: ImplementedOperation
  model: ModelCapabilities
  /** Raw base64 of the input image, for operations that take one. */
  image: string | null
  options: JobOptions
}

/**
 * The rules of `POST /v1/jobs` beyond the schema, in the order a client can act on them: operations we do not
 * offer (400 `operation_not_supported`), fields that do not fit the operation, a model not offered for it
 * (404 `model_not_found`), values the model does not take, and finally the input image's bytes.
 */
export function planJob(provider: Provider, req: CreateJobRequest): JobPlan {
  const operation = req.operation
  if (!isImplemented(operation)) {
    throw new ApiError('operation_not_supported', `The ${provider.name} provider does not offer ${operation} yet.`)
  }
  const crossField = createJobIssues(req)
  if (crossField.length) throw invalidRequest('body', crossField)

  const offering = provider.models().filter((m) => (m.operations as string[]).includes(operation))
  if (offering.length === 0) {
    const why = provider.unavailable().find((u) => u.operation === operation)
    throw new ApiError('operation_not_supported', why?.reason ?? `The ${provider.name} provider does not offer ${operation}.`)
  }
  const modelId = req.model ?? (offering.some((m) => m.id === provider.defaultModel) ? provider.defaultModel : offering[0].id)
  const model = findModel(provider, modelId, operation)
  if (!model) {
    const offered = provider.models().filter((m) => (m.operations as string[]).includes(operation)).map((m) => m.id)
    throw new ApiError('model_not_found', `Model ${modelId} is not offered for ${operation}; choose one of ${offered.join(', ')}.`)
  }

  const issues: FieldIssue[] = []
  if (req.aspect_ratio && !(model.aspect_ratios as string[]).includes(req.aspect_ratio)) {
    issues.push({ path: 'aspect_ratio', message: `${model.id} offers ${model.aspect_ratios.join(', ')}` })
  }
  if (req.resolution && !model.resolutions.includes(req.resolution)) {
    issues.push({ path: 'resolution', message: `${model.id} offers ${model.resolutions.join(', ')}` })
  }
  for (const field of ['negative_prompt', 'image_reference', 'image_fidelity', 'human_fidelity'] as const) {
    if (req[field] !== undefined && !model.parameters.includes(field)) {
      issues.push({ path: field, message: `${model.id} does not take ${field}` })
    }
  }
  if (req.human_fidelity !== undefined && req.image_reference === 'face') {
    issues.push({ path: 'human_fidelity', message: 'only applies with image_reference "subject"' })
  }
  let image: string | null = null
  if (req.image !== undefined) {
    const checked = checkInputImage('image', req.image)
    if ('issues' in checked) issues.push(...checked.issues)
    else image = checked.base64
  }
  if (issues.length) throw invalidRequest('body', issues)

  const options: JobOptions = {}
  if (req.image_reference) options.image_reference = req.image_reference
  if (req.image_fidelity !== undefined) options.image_fidelity = req.image_fidelity
  if (req.human_fidelity !== undefined) options.human_fidelity = req.human_fidelity
  return { operation, model, image, options }
}

function isImplemented(operation: string): operation is ImplementedOperation {
  return (IMPLEMENTED_OPERATIONS as readonly string[]).includes(operation)
}
