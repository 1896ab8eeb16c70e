import type { ImplementedOperation } from '../../shared/api/enums'
import type { TaskInput } from './provider'

/** The default Kling model; sent explicitly because an omitted `model_name` silently means kling-v1. */
export const KLING_DEFAULT_MODEL = 'kling-v3'

/** Kling's create path per operation: expand has its own endpoint (kling-upstream.md §2.3). */
export function klingCreatePath(operation: ImplementedOperation): string {
  return operation === 'expand' ? '/v1/images/editing/expand' : '/v1/images/generations'
}

/** Kling's single-task query path; `id` is its task id or our external task id (the job id). */
export function klingTaskPath(operation: ImplementedOperation, id: string): string {
  return `${klingCreatePath(operation)}/${encodeURIComponent(id)}`
}

/**
 * Maps a task to Kling's request body (kling-upstream.md §2.1, §2.3). Pure. Encodes the rules Kling enforces with
 * a 1201: `model_name` always present on generations and absent on expand, no `negative_prompt` with an image,
 * lower-case resolution, raw base64 without a `data:` prefix, and nothing Kling does not know.
 */
export function klingCreateBody(input: TaskInput): Record<string, unknown> {
  const common = {
    n: input.n,
    external_task_id: input.jobId,
    ...(input.callbackUrl ? { callback_url: input.callbackUrl } : {}),
  }
  if (input.operation === 'expand') {
    const e = input.expansion ?? { top: 0, bottom: 0, left: 0, right: 0 }
    return {
      image: rawBase64(input.image ?? ''),
      up_expansion_ratio: e.top,
      down_expansion_ratio: e.bottom,
      left_expansion_ratio: e.left,
      right_expansion_ratio: e.right,
      ...(input.prompt ? { prompt: input.prompt } : {}),
      ...common,
    }
  }
  const body: Record<string, unknown> = {
    model_name: input.model || KLING_DEFAULT_MODEL,
    prompt: input.prompt ?? '',
    aspect_ratio: input.aspect_ratio ?? '1:1',
    resolution: (input.resolution ?? '1k').toLowerCase(),
    ...common,
  }
  if (input.operation === 'generate') {
    if (input.negative_prompt) body.negative_prompt = input.negative_prompt
    return body
  }
  body.image = rawBase64(input.image ?? '')
  // kling-v1-5 refuses an image without a reference type; `subject` is the neutral choice.
  const reference = input.image_reference ?? (body.model_name === 'kling-v1-5' ? 'subject' : undefined)
  if (reference) body.image_reference = reference
  if (input.image_fidelity !== undefined) body.image_fidelity = input.image_fidelity
  if (input.human_fidelity !== undefined) body.human_fidelity = input.human_fidelity
  return body
}

/** Kling wants bare base64: `data:image/png;base64,` in front is a 1201. */
export function rawBase64(image: string): string {
  return image.replace(/^data:[^,]*,/, '')
}
