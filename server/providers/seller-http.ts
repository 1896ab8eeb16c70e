import { logEvent } from '../log'
import { ProviderError } from './provider'

/** One answer from a seller: status, headers and the body parsed as JSON when it is JSON (else null). */
export interface SellerReply {
  status: number
  headers: Headers
  body: unknown
}

/** No answer at all (connection lost, timeout): whether the request reached the seller is unknown. */
export class SellerTransportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SellerTransportError'
  }
}

const TIMEOUT_MS = { POST: 30_000, GET: 15_000, PUT: 15_000 } as const

/**
 * Sends one request to a seller with its auth header. Throws `SellerTransportError` when nothing came back. Logs
 * name the seller, method and path only: never a header (the key) or a query string (webhook tokens).
 */
export async function sellerRequestAsync(
  seller: string,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  authorization: string,
  body?: unknown,
): Promise<SellerReply> {
  const headers: Record<string, string> = { Authorization: authorization, Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS[method]),
    })
  } catch (error) {
    logEvent('warn', 'seller_transport_error', { seller, method, path: pathOf(url), reason: error instanceof Error ? error.message : 'fetch failed' })
    throw new SellerTransportError(error instanceof Error ? error.message : 'fetch failed')
  }
  const text = await response.text().catch(() => '')
  let parsed: unknown = null
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {
    // An HTML error page from a proxy, say: judged by the status alone.
  }
  return { status: response.status, headers: response.headers, body: parsed }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return '(invalid url)'
  }
}

/** Exponential backoff with jitter for retrying a seller: attempt 0 → 0.2–0.4 s, 1 → 0.4–0.8 s, capped at 3 s. */
export function sellerBackoffMs(attempt: number, random = Math.random): number {
  const ceiling = Math.min(3000, 400 * 2 ** attempt)
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** Attempts per submit for answers that say "not now" (429, and what fal marks retryable). */
export const SELLER_SUBMIT_ATTEMPTS = 3

/** Seconds we ask clients to wait after a seller said it is busy or down. */
export const SELLER_RETRY_AFTER_S = 5

/**
 * A seller still answering 429 after our retries: nothing was created, so, as Kling's 1303, the task goes back to
 * the head of the queue (admissions pause briefly) instead of failing the job.
 */
export function sellerAtCapacity(label: string): ProviderError {
  return new ProviderError('at_capacity', `${label} is at this account's request limit (HTTP 429); the job waits in the queue.`, SELLER_RETRY_AFTER_S, false, 429)
}

/** A seller's message as one short line of text, so an odd upstream answer never turns into a dump. */
export function plainText(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\s+/g, ' ').trim().slice(0, 300) : ''
}

/** Words sellers use when their content policy refuses a prompt or image. */
export const POLICY_WORDS = /content.?(policy|checker)|flagged|risk|sensitive|inappropriate|safety|violat|prohibit|nsfw/i
