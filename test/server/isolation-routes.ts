/**
 * Every route of the Worker and how the isolation suite reaches it, keyed `METHOD /path` exactly as Hono lists the
 * app's routes (`app.routes`). isolation.test.ts fails when the app has a route without an entry here (or the other
 * way round), so a new route cannot ship without an isolation case.
 */
export type Access =
  /** Needs `Authorization: Bearer <client token>`; the owner's jobs only. */
  | 'bearer'
  /** No auth and nothing owner-specific: the same answer for anyone. */
  | 'public'
  /** Authorised by a signed token in the path (isolation-signed-urls.test.ts); a bearer token grants nothing. */
  | 'signed'

export interface RouteCase {
  access: Access
  /** A request to this route; `{job}` is replaced by a job id of the owner under test. */
  path: string
  body?: unknown
}

export const ROUTE_CASES: Record<string, RouteCase> = {
  'GET /v1/health': { access: 'public', path: '/v1/health' },
  'GET /v1/openapi.json': { access: 'public', path: '/v1/openapi.json' },
  'POST /v1/callbacks/:provider/:token': { access: 'signed', path: '/v1/callbacks/kling/{job}.YWxpY2U.AAAA' },
  'GET /v1/inputs/:token': { access: 'signed', path: '/v1/inputs/eyJvIjoiYWxpY2UifQ.AAAA' },
  'GET /v1/capabilities': { access: 'bearer', path: '/v1/capabilities' },
  'GET /v1/changes': { access: 'bearer', path: '/v1/changes?wait=0' },
  'POST /v1/jobs': { access: 'bearer', path: '/v1/jobs', body: { operation: 'generate', prompt: 'a lighthouse' } },
  'GET /v1/jobs': { access: 'bearer', path: '/v1/jobs?limit=100' },
  'GET /v1/jobs/:id': { access: 'bearer', path: '/v1/jobs/{job}?wait=0' },
  'DELETE /v1/jobs/:id': { access: 'bearer', path: '/v1/jobs/{job}' },
  'GET /v1/jobs/:id/images/:index': { access: 'bearer', path: '/v1/jobs/{job}/images/0' },
}

export const methodOf = (key: string) => key.slice(0, key.indexOf(' '))
