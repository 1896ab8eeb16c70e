import type { TaskInput } from './provider'

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
