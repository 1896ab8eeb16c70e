import type { TaskInput } from './provider'

/** fal's app id for every Kling image endpoint; the endpoint's sub-path follows it on submit only. */
export const FAL_APP = 'fal-ai/kling-image'

/** The endpoint a task goes to, under `fal-ai/kling-image/` (kling-upstream.md §7.1). */
export function falEndpoint(input: Pick<TaskInput, 'operation' | 'model' | 'images'>): string {
  switch (input.operation) {
    case 'generate':
      return 'v3/text-to-image'
    case 'image_to_image':
      return 'v3/image-to-image'
    case 'omni':
      if (input.model === 'kling-image-o1') return 'o1'
      if (input.model === 'kling-v3-omni') return input.images?.length ? 'o3/image-to-image' : 'o3/text-to-image'
      throw new Error(`fal has no omni endpoint for ${input.model}`)
    default:
      throw new Error(`fal has no endpoint for ${input.operation}`)
  }
}

/** The submit URL, with `fal_webhook` when the Worker has a public callback URL. */
export function falSubmitUrl(base: string, input: TaskInput): string {
  const url = `${base}/${FAL_APP}/${falEndpoint(input)}`
  return input.callbackUrl ? `${url}?fal_webhook=${encodeURIComponent(input.callbackUrl)}` : url
}

/**
 * The submit body (fal-js `KlingImageV3TextToImageInput` / `ImageToImageInput` / `KlingImageO1Input` / `O3*`,
 * kling-upstream.md §7.2): `num_images`, upper-case `1K`/`2K`/`4K`, images by URL (`image_url`, `image_urls` in
 * order), `@ImageN` references, a series as `result_type` + `series_amount`, always PNG, and nothing fal does not
 * document.
 */
export function falSubmitBody(input: TaskInput): Record<string, unknown> {
  if (input.operation === 'omni') return falOmniBody(input)
  const body: Record<string, unknown> = {
    prompt: falPrompt(input.prompt ?? ''),
    resolution: (input.resolution ?? '1k').toUpperCase(),
    num_images: input.n,
    aspect_ratio: input.aspect_ratio ?? '1:1',
    output_format: 'png',
  }
  if (input.operation === 'generate') {
    if (input.negative_prompt) body.negative_prompt = input.negative_prompt
    return body
  }
  const imageUrl = input.inputUrls?.image
  if (!imageUrl) throw new Error('image_to_image on fal needs the input image URL')
  body.image_url = imageUrl
  return body
}

function falOmniBody(input: TaskInput): Record<string, unknown> {
  const series = input.result_type === 'series'
  const body: Record<string, unknown> = {
    prompt: falPrompt(input.prompt ?? ''),
    resolution: (input.resolution ?? '1k').toUpperCase(),
    ...(series ? { result_type: 'series', series_amount: input.series_amount ?? input.n } : { num_images: input.n }),
    output_format: 'png',
  }
  if (input.aspect_ratio) body.aspect_ratio = input.aspect_ratio
  const count = input.images?.length ?? 0
  if (count) {
    body.image_urls = Array.from({ length: count }, (_, i) => {
      const url = input.inputUrls?.[`images.${i}`]
      if (!url) throw new Error(`omni on fal needs the URL of input images.${i}`)
      return url
    })
  }
  return body
}

/** Our prompts name reference images `<<<image_N>>>`; fal's Kling endpoints call them `@ImageN`. */
export function falPrompt(prompt: string): string {
  return prompt.replace(/<<<image_(\d+)>>>/g, '@Image$1')
}
