/** "Test connection": health (no token) then capabilities (with it), with the failure explained by stage. */
import type { Capabilities, Health } from '../../shared/api/schemas'
import { ApiError } from './api-error'
import { describeError } from './describe-error'
import { refusedOrigin } from './network-access'

export type ConnectionReport =
  | { ok: true; health: Health; caps: Capabilities }
  | { ok: false; title: string; detail: string | null }

export interface ConnectionApi {
  health(signal?: AbortSignal): Promise<Health>
  capabilities(signal?: AbortSignal): Promise<Capabilities>
}

/** Why a URL cannot be a backend base URL, or null. */
export function urlIssue(url: string): string | null {
  if (!url.trim()) return 'Enter the backend URL.'
  try {
    const parsed = new URL(url.trim())
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'The URL must start with https:// or http://.'
    return refusedOrigin(url.trim())
  } catch {
    return "That isn't a URL. It looks like https://kling-frames.example.workers.dev."
  }
}

export async function testConnection(api: ConnectionApi, url: string, token: string): Promise<ConnectionReport> {
  const badUrl = urlIssue(url)
  if (badUrl) return { ok: false, title: badUrl, detail: null }
  let health: Health
  try {
    health = await api.health()
  } catch (error) {
    return { ok: false, ...healthFailure(error, url) }
  }
  if (!health.ok) {
    return { ok: false, title: 'The backend is up but not configured correctly.', detail: health.reason ?? null }
  }
  if (!token.trim()) return { ok: false, title: 'The backend is reachable. Now enter your access token.', detail: null }
  try {
    return { ok: true, health, caps: await api.capabilities() }
  } catch (error) {
    return { ok: false, ...capabilitiesFailure(error) }
  }
}

export function healthFailure(error: unknown, url: string): { title: string; detail: string | null } {
  const refused = error instanceof ApiError && error.status === 0 ? refusedOrigin(url) : null
  if (refused) return { title: 'Figma blocked the request (networkAccess in the manifest).', detail: refused }
  if (error instanceof ApiError && error.status === 0) {
    return {
      title: `Can't reach ${url}. Check the URL and that the server is running.`,
      detail:
        'A server that is up but does not allow cross-origin requests (CORS, origin "null") looks the same from inside Figma.',
    }
  }
  if (error instanceof ApiError && (error.code === 'bad_response' || error.code === 'html_response' || error.code === 'not_found' || error.code === 'http_error')) {
    return {
      title: `Something answered at ${url}, but it is not a Kling Frames backend.`,
      detail: error.status ? `HTTP ${error.status}: ${error.message}` : error.message,
    }
  }
  const text = describeError(error)
  return { title: text.title, detail: text.detail }
}

export function capabilitiesFailure(error: unknown): { title: string; detail: string | null } {
  if (error instanceof ApiError && error.status === 401) {
    return { title: 'The backend is reachable, but it refused the access token (401). Check the token.', detail: error.message }
  }
  if (error instanceof ApiError && error.status === 0) {
    return {
      title: 'The backend answered, but the request with your token was blocked.',
      detail:
        "Its CORS preflight probably does not allow the Authorization header. Check the server's CORS settings.",
    }
  }
  const text = describeError(error)
  return { title: text.title, detail: text.detail }
}
