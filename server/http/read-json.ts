import type { Context } from 'hono'
import { ApiError } from '../errors'

/** The request body as JSON, whatever the Content-Type says; anything unparsable is a 400 naming the body. */
export async function readJsonAsync(c: Context): Promise<unknown> {
  const text = await c.req.text()
  try {
    return JSON.parse(text)
  } catch {
    throw new ApiError('invalid_request', 'The request body must be a JSON object.', {
      details: [{ path: '', message: text ? 'is not valid JSON' : 'is empty' }],
    })
  }
}
