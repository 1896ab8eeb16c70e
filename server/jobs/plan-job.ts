import type { Operation, RequestAspectRatio, Resolution } from '../../shared/api/enums'
import { createJobIssues, type CreateJobRequest, type ModelCapabilities } from '../../shared/api/schemas'
import type { Provider } from '../providers/provider'
import { invalidRequest } from '../validate'
import { checkCapabilities } from './check-capabilities'
import { checkRequestInputs, type CheckedInput } from './job-inputs'
import type { JobOptions } from './job-row'

/** A create request that passed every rule: what to store and submit. */
export interface JobPlan {
  operation: Operation
  model: ModelCapabilities
  /** The ratio and resolution to send, defaults applied; null where the model takes none. */
  aspect_ratio: RequestAspectRatio | null
  resolution: Resolution | null
  /** Images the job makes (and is charged for): `n`, or `series_amount` for a series. */
  n: number
  /** Input images, checked from their bytes, in slot order. */
  inputs: CheckedInput[]
  options: JobOptions
}

/**
 * The rules of `POST /v1/jobs` beyond the schema, in the order a client can act on them: fields that do not fit
 * the operation (400 `invalid_request`), then the capability map (404 `model_not_found`, 400
 * `operation_not_supported`), and finally the input images' bytes (400 `invalid_request` naming each field path).
 */
export function planJob(provider: Provider, req: CreateJobRequest): JobPlan {
  const crossField = createJobIssues(req)
  if (crossField.length) throw invalidRequest('body', crossField)

  const { model, rules } = checkCapabilities(provider, req)

  const issues = []
  if (req.human_fidelity !== undefined && req.image_reference === 'face') {
    issues.push({ path: 'human_fidelity', message: 'only applies with image_reference "subject"' })
  }
  const { inputs, issues: inputIssues } = checkRequestInputs(req)
  issues.push(...inputIssues)
  if (issues.length) throw invalidRequest('body', issues)

  let aspect_ratio = req.aspect_ratio ?? rules.default_aspect_ratio
  if (aspect_ratio === 'auto' && rules.auto_needs_image && !req.images?.length) aspect_ratio = '1:1'
  const resolution = rules.resolutions.length ? (req.resolution ?? rules.resolutions[0]) : null
  const series = req.result_type === 'series'

  const options: JobOptions = {}
  if (req.image_reference) options.image_reference = req.image_reference
  if (req.image_fidelity !== undefined) options.image_fidelity = req.image_fidelity
  if (req.human_fidelity !== undefined) options.human_fidelity = req.human_fidelity
  if (req.result_type) options.result_type = req.result_type
  if (series) options.series_amount = req.series_amount
  if (inputs.length) options.inputs = inputs.map((input) => input.slot)
  return {
    operation: req.operation,
    model,
    aspect_ratio: rules.aspect_ratios.length ? aspect_ratio : null,
    resolution,
    n: series ? (req.series_amount ?? rules.series?.min ?? 1) : (req.n ?? 1),
    inputs,
    options,
  }
}
