import { ASPECT_RATIOS } from '../../shared/api/enums'
import { LIMITS } from '../../shared/api/limits'
import type { ModelCapabilities } from '../../shared/api/schemas'
import type { TaskInput } from './provider'

/**
 * PixelDojo's `kling-image` (provider-docs/pixeldojo-*.txt): text to image only (its docs show no image input),
 * 1K/2K, eight ratios, 1 to 9 outputs, and a negative prompt. Under Kling's name for the model it runs.
 */
export const PIXELDOJO_MODELS: ModelCapabilities[] = [
  {
    id: 'kling-v3',
    label: 'Kling Image 3.0 (PixelDojo)',
    operations: ['generate'],
    aspect_ratios: [...ASPECT_RATIOS],
    resolutions: ['1k', '2k'],
    n: { min: LIMITS.n_min, max: LIMITS.n_max },
    parameters: ['negative_prompt'],
  },
]

export const PIXELDOJO_DEFAULT_MODEL = 'kling-v3'

export const pixelDojoRunUrl = (base: string) => `${base}/api/v1/models/kling-image/run`
export const pixelDojoJobUrl = (base: string, jobId: string) => `${base}/api/v1/jobs/${encodeURIComponent(jobId)}`

/** The run body: `num_outputs`, upper-case `resolution`, PNG, and only documented fields. */
export function pixelDojoRunBody(input: TaskInput): Record<string, unknown> {
  if (input.operation !== 'generate') throw new Error(`PixelDojo has no ${input.operation}`)
  const body: Record<string, unknown> = {
    prompt: input.prompt ?? '',
    resolution: (input.resolution ?? '1k').toUpperCase(),
    aspect_ratio: input.aspect_ratio ?? '1:1',
    num_outputs: input.n,
    output_format: 'png',
  }
  if (input.negative_prompt) body.negative_prompt = input.negative_prompt
  return body
}
