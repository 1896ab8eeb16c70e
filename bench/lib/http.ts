/** Tiny HTTP client for the benchmark: JSON in and out, bounded by timeouts, no retries (a failure is a finding). */

export interface Reply<T = unknown> {
  status: number
  body: T
  /** Date.now() once the whole body has arrived. */
  at: number
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)))

export async function requestJson<T = unknown>(
  url: string,
  init: { method?: string; token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = {}
  if (init.token) headers.Authorization = `Bearer ${init.token}`
  if (init.body !== undefined) headers['Content-Type'] = 'application/json'
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
  })
  const text = await response.text()
  const at = Date.now()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // keep the text: a non-JSON answer is itself worth reporting
  }
  return { status: response.status, body: body as T, at }
}

/** As requestJson, but any status other than `expect` throws with the answer in the message. */
export async function expectJson<T = unknown>(
  expect: number | number[],
  url: string,
  init: Parameters<typeof requestJson>[1] = {},
): Promise<Reply<T>> {
  const reply = await requestJson<T>(url, init)
  const ok = Array.isArray(expect) ? expect.includes(reply.status) : reply.status === expect
  if (!ok) {
    const shown = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body)
    throw new HttpError(`${init.method ?? 'GET'} ${new URL(url).pathname} → ${reply.status}: ${shown.slice(0, 300)}`, reply.status, reply.body)
  }
  return reply
}

/** GET of a binary body; returns status, content type and length read. */
export async function requestBytes(url: string, token: string, timeoutMs = 30_000): Promise<{ status: number; contentType: string | null; bytes: number }> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(timeoutMs) })
  const buffer = await response.arrayBuffer()
  return { status: response.status, contentType: response.headers.get('content-type'), bytes: buffer.byteLength }
}
