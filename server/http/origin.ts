import type { Context } from 'hono'

/** The origin the client called us on; image URLs are built on it so they work wherever the Worker runs. */
export function requestOrigin(c: Context): string {
  return new URL(c.req.url).origin
}
