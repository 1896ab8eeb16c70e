import { BodyReader } from './body-reader'
import type { ExpandRequest } from './create-request'
import { invalidParam } from './kling-error'
import { parseImageInputAsync } from './parse-image-input'

const KEYS = [
  'image',
  'up_expansion_ratio',
  'down_expansion_ratio',
  'left_expansion_ratio',
  'right_expansion_ratio',
  'prompt',
  'n',
  'watermark_info',
  'callback_url',
  'external_task_id',
] as const

/** "new image total area ≤ 3× original"; the epsilon forgives float noise such as 0.5 + 0.5 computed by a client. */
const MAX_AREA = 3
const AREA_EPSILON = 1e-9

/**
 * Validates an expand body (kling-upstream.md §2.3). There is no `model_name` here: expansion is model-independent,
 * so sending one is an unknown key (1201). Ratios default to 0, range [0, 2] each.
 */
export async function validateExpandAsync(body: Record<string, unknown>): Promise<ExpandRequest> {
  const reader = new BodyReader(body, KEYS)
  const imageField = reader.requiredString('image')
  const up = reader.number('up_expansion_ratio', 0, 2) ?? 0
  const down = reader.number('down_expansion_ratio', 0, 2) ?? 0
  const left = reader.number('left_expansion_ratio', 0, 2) ?? 0
  const right = reader.number('right_expansion_ratio', 0, 2) ?? 0
  const prompt = reader.string('prompt', 2500) ?? null
  const n = reader.integer('n', 1, 9) ?? 1
  const watermark = reader.watermark()
  const callbackUrl = reader.callbackUrl() ?? null
  const externalTaskId = reader.string('external_task_id') ?? null
  const area = (1 + up + down) * (1 + left + right)
  if (area > MAX_AREA + AREA_EPSILON) {
    throw invalidParam(`expanded area must not exceed 3x the original: (1+up+down)*(1+left+right) = ${area.toFixed(4)}`)
  }
  const image = await parseImageInputAsync('image', imageField)
  return {
    endpoint: 'expand',
    image,
    up,
    down,
    left,
    right,
    prompt,
    n,
    watermark,
    callback_url: callbackUrl,
    external_task_id: externalTaskId,
  }
}
