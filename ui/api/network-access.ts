/**
 * What the manifest lets the panel reach. Figma refuses (by CSP) every request to an origin its manifest's
 * networkAccess does not declare, and the browser reports that as a bare network error, the same as a server
 * that is down or lacks CORS. Knowing the declared domains, the panel can say which it was.
 */
import { refusedOriginMessage, urlAllowed } from '../../shared/network/network-access'
import { ApiError } from './api-error'
import { describeError, type ErrorText } from './describe-error'

/** Set by scripts/build.ts; absent (null) outside a build, e.g. in unit tests, where nothing is refused. */
declare const __NETWORK_DOMAINS__: readonly string[] | undefined

export const NETWORK_DOMAINS: readonly string[] | null = typeof __NETWORK_DOMAINS__ === 'undefined' ? null : __NETWORK_DOMAINS__

/** Null when Figma lets the panel reach `url`, else the sentence that says why not and how to fix it. */
export function refusedOrigin(url: string, domains: readonly string[] | null = NETWORK_DOMAINS): string | null {
  if (domains === null || urlAllowed(url, domains)) return null
  return refusedOriginMessage(url, domains)
}

/** `describeError`, except that a request that never got an answer from an undeclared origin is named as such. */
export function describeConnectionError(error: unknown, baseUrl: string, domains: readonly string[] | null = NETWORK_DOMAINS): ErrorText {
  const refused = error instanceof ApiError && error.status === 0 ? refusedOrigin(baseUrl, domains) : null
  if (refused) return { title: 'Figma blocked the request (networkAccess in the manifest).', detail: refused, code: 'origin_not_allowed' }
  return describeError(error)
}
