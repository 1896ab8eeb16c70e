import { KlingError } from '../../simulator/private/kling-error'
import { parseImageInputAsync, type InputImage } from '../../simulator/private/parse-image-input'

/** A field the seller refused, with the reason in the seller's words. */
export class InputImageError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
    this.name = 'InputImageError'
  }
}

/**
 * Downloads and checks an image the seller takes by URL only (fal and apimodels document URLs, never base64), with
 * Kling's input limits (10 MB, sides ≥ 300 px, aspect 0.4 to 2.5): the simulator really fetches it, from loopback.
 */
export async function fetchInputImageAsync(field: string, value: unknown): Promise<InputImage> {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) throw new InputImageError(field, `${field} must be an http(s) URL`)
  try {
    return await parseImageInputAsync(field, value)
  } catch (error) {
    if (error instanceof KlingError) throw new InputImageError(field, error.message)
    throw error
  }
}
