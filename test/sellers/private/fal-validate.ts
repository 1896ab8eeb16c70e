import type { GenerationAspectRatio } from '../../simulator/private/create-request'
import type { InputImage } from '../../simulator/private/parse-image-input'
import { fetchInputImageAsync, InputImageError } from './fetch-input-image'
import { FieldCheck, FieldProblems } from './field-check'
import { generationRender } from './kling-render-request'
import type { CreateRequest } from '../../simulator/private/create-request'

/** fal's Kling image endpoints under `fal-ai/kling-image/` (kling-upstream.md §7.1). */
export const FAL_ROUTES = ['v3/text-to-image', 'v3/image-to-image', 'o1', 'o3/text-to-image', 'o3/image-to-image'] as const
export type FalRoute = (typeof FAL_ROUTES)[number]

const RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9'] as const
const FORMATS = ['jpeg', 'png', 'webp'] as const

/**
 * Validates a submit body against the endpoint's input schema (fal-js `types/endpoints.ts`, kling-upstream.md §7.2),
 * fetches its image URLs, and returns the Kling request it amounts to. Field problems throw `FieldProblems`.
 */
export async function validateFalInputAsync(route: FalRoute, body: Record<string, unknown>): Promise<CreateRequest> {
  const omni = route.startsWith('o')
  const withImages = route === 'o1' || route === 'o3/image-to-image'
  const allowed = ['prompt', 'resolution', 'num_images', 'aspect_ratio', 'output_format', 'sync_mode', 'elements']
  if (route === 'v3/text-to-image') allowed.push('negative_prompt')
  if (route === 'v3/image-to-image') allowed.push('image_url')
  if (withImages) allowed.push('image_urls')
  if (route.startsWith('o3')) allowed.push('result_type', 'series_amount')
  const check = new FieldCheck(body, allowed)
  const prompt = check.string('prompt', { required: true, max: 2500 }) ?? ''
  check.string('negative_prompt', { max: 2500 })
  const resolution = check.oneOf('resolution', route.startsWith('o3') ? (['1K', '2K', '4K'] as const) : (['1K', '2K'] as const)) ?? '1K'
  const n = check.number('num_images', 1, 9, { integer: true }) ?? 1
  const ratios = omni && route !== 'o3/text-to-image' ? ([...RATIOS, 'auto'] as const) : RATIOS
  const ratio = check.oneOf('aspect_ratio', ratios) ?? (withImages ? 'auto' : '16:9')
  check.oneOf('output_format', FORMATS)
  check.boolean('sync_mode')
  check.array('elements', 0, 10)
  const resultType = route.startsWith('o3') ? check.oneOf('result_type', ['single', 'series'] as const) : undefined
  const seriesAmount = route.startsWith('o3') ? check.number('series_amount', 2, 9, { integer: true }) : undefined
  if (seriesAmount !== undefined && resultType !== 'series') check.add('series_amount', 'series_amount requires result_type "series"')
  const urls = withImages ? check.array('image_urls', 1, 10, true) : undefined
  if (route === 'v3/image-to-image') check.string('image_url', { required: true })
  check.done()

  // References in the prompt are @Image1..@ImageN; one past the list is an error, as fal reports it.
  if (urls) {
    for (const match of prompt.matchAll(/@Image(\d+)/g)) {
      if (Number(match[1]) < 1 || Number(match[1]) > urls.length) {
        throw new FieldProblems([{ field: 'prompt', message: `@Image${match[1]} refers to an image that was not given`, type: 'value_error' }])
      }
    }
  }
  let image: InputImage | null = null
  try {
    if (route === 'v3/image-to-image') image = await fetchInputImageAsync('image_url', body.image_url)
    if (urls) {
      const fetched = await Promise.all(urls.map((url, i) => fetchInputImageAsync(`image_urls.${i}`, url)))
      image = fetched[0]
    }
  } catch (error) {
    if (error instanceof InputImageError) throw new FieldProblems([{ field: error.field, message: error.message, type: 'image_load_error' }])
    throw error
  }
  const count = resultType === 'series' ? (seriesAmount ?? 4) : n
  return generationRender({
    model: 'kling-v3',
    prompt,
    n: count,
    aspectRatio: (ratio === 'auto' ? '1:1' : ratio) as GenerationAspectRatio,
    // Rendered at its real size: klingPixelSize knows 4K too.
    resolution: resolution.toLowerCase() as '1k' | '2k',
    image,
  })
}
