/** Strings at least this long that look like base64 are image payloads, not prompts or ids. */
const MIN_BASE64_CHARS = 200
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/**
 * A copy of a request body fit for logs and /__sim/ answers: every base64 payload becomes `<base64 N bytes>`
 * (N = decoded size), wherever it sits (`image`, `image_list[].image`, ...). Everything else is kept.
 */
export function sanitizeBody(value: unknown): unknown {
  if (typeof value === 'string') {
    if (value.length >= MIN_BASE64_CHARS && BASE64.test(value)) return `<base64 ${Buffer.byteLength(value, 'base64')} bytes>`
    return value
  }
  if (Array.isArray(value)) return value.map(sanitizeBody)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, sanitizeBody(item)]))
  }
  return value
}
