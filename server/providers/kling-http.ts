import type { KlingAccess } from '../config'
import { logEvent } from '../log'
import { forgetKlingBearer, klingBearerAsync } from './kling-auth'
import { klingCodeAction, normaliseKlingCode } from './kling-errors'

/** One Kling answer, envelope unpacked. `code` is null when the body was not an envelope. */
export interface KlingReply {
  httpStatus: number
  code: number | null
  message: string
  requestId: string | null
  data: unknown
}

/** No answer at all (connection lost, timeout): whether the request reached Kling is unknown. */
export class KlingTransportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'KlingTransportError'
  }
}

const TIMEOUT_MS = { POST: 30_000, GET: 15_000 } as const

/**
 * Sends one request to Kling with the bearer, and on 1003/1004 (token not yet valid / expired) re-signs and sends
 * it once more.
 * Throws `KlingTransportError` when no answer came back.
 */
export async function klingRequestAsync(
  kling: KlingAccess,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<KlingReply> {
  let reply = await sendAsync(kling, method, path, body)
  if (klingCodeAction(reply.code, reply.httpStatus).action === 'resign' && kling.auth.kind === 'key_pair') {
    forgetKlingBearer(kling.auth, reply.code === 1003 ? 'not_yet_valid' : 'expired')
    reply = await sendAsync(kling, method, path, body)
  }
  return reply
}

async function sendAsync(kling: KlingAccess, method: 'GET' | 'POST', path: string, body: unknown): Promise<KlingReply> {
  // Content-Type on every request, GETs included: Kling's own samples send it, and some gateways require it.
  const headers: Record<string, string> = {
    Authorization: `Bearer ${await klingBearerAsync(kling.auth)}`,
    'Content-Type': 'application/json',
  }
  let response: Response
  try {
    response = await fetch(kling.base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS[method]),
    })
  } catch (error) {
    // The error text comes from the runtime (e.g. "Network connection lost."), never from our headers.
    const reason = error instanceof Error ? error.message : 'fetch failed'
    logEvent('warn', 'kling_transport_error', { method, path, reason })
    throw new KlingTransportError(reason)
  }
  const text = await response.text().catch(() => '')
  let envelope: Record<string, unknown> = {}
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed && typeof parsed === 'object') envelope = parsed as Record<string, unknown>
  } catch {
    // Not JSON (an HTML error page from a proxy, say): judged by HTTP status alone.
  }
  return {
    httpStatus: response.status,
    code: normaliseKlingCode(envelope.code),
    message: typeof envelope.message === 'string' ? envelope.message : '',
    requestId: typeof envelope.request_id === 'string' ? envelope.request_id : null,
    data: envelope.data,
  }
}
