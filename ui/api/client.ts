/**
 * The typed client of the backend's HTTP API (shared/api-contract.md). Every response is parsed with the shared
 * zod schemas, and every failure becomes an `ApiError`. Runs in the UI iframe (null origin) with the browser's fetch.
 */
import {
  Capabilities,
  Changes,
  ErrorBody,
  Health,
  Job,
  JobList,
  type CreateJobRequest,
} from '../../shared/api/schemas'
import { ApiError } from './api-error'

export interface ApiClientOptions {
  baseUrl: string
  token: string
  fetch?: typeof fetch
}

interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: readonly Issue[] } }
}
interface Issue {
  path: readonly PropertyKey[]
  message: string
}

interface RequestOptions {
  method?: string
  body?: unknown
  headers?: Record<string, string>
  signal?: AbortSignal
  auth?: boolean
}

export interface FetchedImage {
  bytes: Uint8Array
  contentType: string
}

/** Codes for answers that carry no contract error body (a proxy's HTML page, an old server). */
const CODE_FOR_STATUS: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  402: 'insufficient_credits',
  404: 'not_found',
  413: 'payload_too_large',
  422: 'content_rejected',
  429: 'rate_limited',
  500: 'internal_error',
  502: 'upstream_error',
  503: 'upstream_unavailable',
}

export class ApiClient {
  readonly baseUrl: string
  private readonly token: string
  private readonly fetchFn: typeof fetch

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl.trim().replace(/\/+$/, '')
    this.token = options.token
    // Bound so that a later `this.fetchFn(...)` does not call window.fetch with the wrong `this`.
    this.fetchFn = options.fetch ?? fetch.bind(globalThis)
  }

  health(signal?: AbortSignal) {
    return this.request(Health, '/v1/health', { auth: false, signal }).then((r) => r.data)
  }

  capabilities(signal?: AbortSignal) {
    return this.request(Capabilities, '/v1/capabilities', { signal }).then((r) => r.data)
  }

  /**
   * `POST /v1/jobs`. The idempotency key makes a repeated call (after a lost response) answer the same job
   * instead of creating a second one; `created` is false for such a repeat.
   */
  async createJob(body: CreateJobRequest, options: { idempotencyKey: string; signal?: AbortSignal }) {
    const { data, status } = await this.request(Job, '/v1/jobs', {
      method: 'POST',
      body,
      headers: { 'Idempotency-Key': options.idempotencyKey },
      signal: options.signal,
    })
    return { job: data, created: status === 202 }
  }

  /** `GET /v1/jobs/{id}`; `wait` (0 to 25 s) long-polls until the job is terminal or the time is up. */
  getJob(id: string, options: { wait?: number; signal?: AbortSignal } = {}) {
    const query = options.wait ? `?wait=${options.wait}` : ''
    return this.request(Job, `/v1/jobs/${encodeURIComponent(id)}${query}`, { signal: options.signal }).then(
      (r) => r.data,
    )
  }

  /**
   * `GET /v1/changes`: the caller's jobs changed after `after` (each once, latest state, oldest change first),
   * held up to `wait` seconds; without `after`, the unfinished jobs and the current cursor.
   */
  changes(options: { after?: string | null; wait?: number; signal?: AbortSignal } = {}) {
    const params = new URLSearchParams()
    if (options.after) params.set('after', options.after)
    if (options.wait) params.set('wait', String(options.wait))
    const query = params.size ? `?${params}` : ''
    return this.request(Changes, `/v1/changes${query}`, { signal: options.signal }).then((r) => r.data)
  }

  listJobs(options: { limit?: number; cursor?: string | null; signal?: AbortSignal } = {}) {
    const params = new URLSearchParams()
    if (options.limit) params.set('limit', String(options.limit))
    if (options.cursor) params.set('cursor', options.cursor)
    // Not `params.size`: older Chromium builds (and Figma's desktop app with them) lack it.
    const text = params.toString()
    const query = text ? `?${text}` : ''
    return this.request(JobList, `/v1/jobs${query}`, { signal: options.signal }).then((r) => r.data)
  }

  cancelJob(id: string) {
    return this.request(Job, `/v1/jobs/${encodeURIComponent(id)}`, { method: 'DELETE' }).then((r) => r.data)
  }

  /** A job image's bytes, fetched with the token (the image routes are owner-only). */
  async fetchImage(url: string, signal?: AbortSignal): Promise<FetchedImage> {
    const response = await this.send(this.imageUrl(url), { signal })
    if (!response.ok) throw await this.errorFrom(response)
    if (/text\/html/i.test(response.headers.get('Content-Type') ?? '')) {
      throw htmlError(response, await this.read(response, (r) => r.text()))
    }
    const buffer = await this.read(response, (r) => r.arrayBuffer())
    return { bytes: new Uint8Array(buffer), contentType: response.headers.get('Content-Type') ?? '' }
  }

  /**
   * The token only goes to the configured backend: an image URL on another origin (a server that names itself
   * `127.0.0.1` while the plugin calls `localhost`, or one behind a proxy) is re-rooted on the base URL.
   */
  imageUrl(url: string): string {
    const base = new URL(this.baseUrl)
    const target = new URL(url, this.baseUrl + '/')
    if (target.origin === base.origin) return target.href
    const at = target.pathname.indexOf('/v1/')
    return at >= 0 ? this.baseUrl + target.pathname.slice(at) + target.search : target.href
  }

  private async request<T>(schema: Schema<T>, path: string, options: RequestOptions = {}) {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers }
    if (options.body !== undefined) headers['Content-Type'] = 'application/json'
    const response = await this.send(this.baseUrl + path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      auth: options.auth,
    })
    if (!response.ok) throw await this.errorFrom(response)
    const text = await this.read(response, (r) => r.text())
    if (isHtml(response, text)) throw htmlError(response, text)
    const json = parseJson(text)
    if (json === undefined) {
      const what = text ? `it is not JSON: "${snippet(text, 60)}"` : 'it was empty'
      throw new ApiError(response.status, 'bad_response', `The backend's answer to ${route(path)} was not understood (${what}).`)
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue ? `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}` : 'unreadable body'
      throw new ApiError(response.status, 'bad_response', `The backend's answer to ${route(path)} was not understood (${where}).`)
    }
    return { data: parsed.data, status: response.status }
  }

  private async send(url: string, init: RequestInit & { auth?: boolean }): Promise<Response> {
    const { auth = true, ...rest } = init
    const headers = new Headers(rest.headers)
    if (auth && this.token) headers.set('Authorization', `Bearer ${this.token}`)
    try {
      return await this.fetchFn(url, { ...rest, headers })
    } catch (error) {
      throw networkError(error)
    }
  }

  private async read<T>(response: Response, how: (r: Response) => Promise<T>): Promise<T> {
    try {
      return await how(response)
    } catch (error) {
      throw networkError(error)
    }
  }

  private async errorFrom(response: Response): Promise<ApiError> {
    const text = await response.text().catch(() => '')
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After'))
    const parsed = ErrorBody.safeParse(parseJson(text))
    if (parsed.success) {
      const { code, message, details } = parsed.data.error
      return new ApiError(response.status, code, message, details ?? [], retryAfter)
    }
    // The contract's errors are always JSON: a web page comes from something in between (a proxy, a portal).
    if (isHtml(response, text)) return htmlError(response, text, retryAfter)
    const code = CODE_FOR_STATUS[response.status] ?? (response.status >= 500 ? 'internal_error' : 'http_error')
    return new ApiError(response.status, code, snippet(text, 160) || `HTTP ${response.status}`, [], retryAfter)
  }
}

function isHtml(response: Response, text: string): boolean {
  return /text\/html/i.test(response.headers.get('Content-Type') ?? '') || /^\s*<(!doctype|html|head|body)\b/i.test(text)
}

/** `html_response`: a web page where the API should answer, named by its status and title (or first words). */
function htmlError(response: Response, text: string, retryAfter: number | null = null): ApiError {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim() || snippet(text, 80)
  const what = `HTTP ${response.status}${title ? `: "${title}"` : ''}`
  return new ApiError(response.status, 'html_response', `A web page answered instead of the backend (${what}).`, [], retryAfter)
}

/** Text without markup, on one line, at most `max` characters. */
function snippet(text: string, max: number): string {
  return text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max)
}

/** The path without its query (a cursor says nothing to a reader). */
function route(path: string): string {
  return path.split('?')[0]
}

function networkError(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError') return error
  const reason = error instanceof Error ? error.message : String(error)
  return new ApiError(0, 'network_error', reason || 'The request failed before any answer arrived.')
}

function parseJson(text: string): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** `Retry-After` as seconds: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds)
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000))
}
