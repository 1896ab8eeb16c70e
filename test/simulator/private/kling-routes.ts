import type { Endpoint } from './create-request'

/** A Kling API request, routed. `badMethod` = known path, wrong method (404/1202). */
export type KlingRoute =
  | { kind: 'create'; endpoint: Endpoint }
  | { kind: 'query'; endpoint: Endpoint; id: string }
  | { kind: 'list'; endpoint: Endpoint }
  | { kind: 'badMethod' }

const BASES: readonly [string, Endpoint][] = [
  ['/v1/images/generations', 'generations'],
  ['/v1/images/editing/expand', 'expand'],
  ['/v1/images/multi-image2image', 'multi-image2image'],
  ['/v1/images/omni-image', 'omni-image'],
]

/** Maps method + path to a route; null for a path Kling does not have (404/1203). */
export function matchKlingRoute(method: string, pathname: string): KlingRoute | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  for (const [base, endpoint] of BASES) {
    if (path === base) {
      if (method === 'POST') return { kind: 'create', endpoint }
      if (method === 'GET') return { kind: 'list', endpoint }
      return { kind: 'badMethod' }
    }
    if (path.startsWith(`${base}/`)) {
      const id = safeDecode(path.slice(base.length + 1))
      if (id === null || id === '' || id.includes('/')) return null
      return method === 'GET' ? { kind: 'query', endpoint, id } : { kind: 'badMethod' }
    }
  }
  return null
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}
