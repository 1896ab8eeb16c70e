/**
 * A stress client of the public API (api-contract.md) that behaves like a good client: it retries a create with
 * the same Idempotency-Key after a network error, a 429 or a 503 (honouring Retry-After), and counts every answer so
 * a suite can report what it sent and what came back.
 */

export interface StressJob {
  id: string
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled'
  n: number
  queue_position?: number | null
  images: { index: number; url: string; width: number; height: number; content_type: string }[]
  error: { code: string; message: string } | null
  created_at: string
  updated_at: string
}

export interface CreateOutcome {
  key: string
  owner: string
  /** The final answer's status; 0 when every attempt failed on the network. */
  status: number
  job: StressJob | null
  errorCode: string | null
  attempts: number
  /** From the first attempt to the final answer. */
  latencyMs: number
}

export class ApiCounters {
  requests = 0
  byStatus: Record<string, number> = {}
  networkErrors = 0
  /** 5xx other than 503 upstream_unavailable with Retry-After (which the contract allows under load). */
  unexpected5xx: string[] = []
  /**
   * 503s that `wrangler dev`'s own proxy sent because it reloaded the Worker mid-request (our Worker never saw the
   * request; a client retries). Counted apart: they are the local runtime's, not the product's.
   */
  devProxyRestarts = 0

  count(status: number, route: string, body: string, retryAfter: string | null): void {
    this.requests++
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1
    if (status === 503 && body.startsWith('Your worker restarted mid-request')) {
      this.devProxyRestarts++
      return
    }
    if (status >= 500 && !(status === 503 && retryAfter && body.includes('"upstream_unavailable"'))) {
      this.unexpected5xx.push(`${route} → ${status} ${body.slice(0, 200)}`)
    }
  }
}

export class StressApi {
  readonly counters = new ApiCounters()

  constructor(
    readonly baseUrl: () => string,
    readonly tokens: Record<string, string>,
  ) {}

  /** POST /v1/jobs until it has a definite answer or `deadlineMs` passes. */
  async create(owner: string, key: string, body: Record<string, unknown>, deadlineMs = 120_000): Promise<CreateOutcome> {
    const started = Date.now()
    let attempts = 0
    for (;;) {
      attempts++
      const reply = await this.send(owner, 'POST', '/v1/jobs', body, { 'Idempotency-Key': key })
      const retryable = reply === null || reply.status === 429 || reply.status === 503
      if (!retryable || Date.now() - started > deadlineMs) {
        const parsed = reply ? safeJson(reply.text) : null
        return {
          key,
          owner,
          status: reply?.status ?? 0,
          job: reply && reply.status < 300 ? (parsed as StressJob) : null,
          errorCode: reply && reply.status >= 400 ? ((parsed as { error?: { code?: string } })?.error?.code ?? null) : null,
          attempts,
          latencyMs: Date.now() - started,
        }
      }
      const wait = reply?.retryAfter ? Math.min(5, Number(reply.retryAfter)) * 1000 : 500
      await sleep(wait)
    }
  }

  /** Every job of `owner`, newest first (all pages). Retries through network errors. */
  async listAll(owner: string): Promise<StressJob[]> {
    const jobs: StressJob[] = []
    let cursor: string | null = null
    do {
      const reply = await this.sendUntilAnswered(owner, 'GET', `/v1/jobs?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      const page = JSON.parse(reply.text) as { jobs: StressJob[]; next_cursor: string | null }
      jobs.push(...page.jobs)
      cursor = page.next_cursor
    } while (cursor)
    return jobs
  }

  async capabilities(owner: string): Promise<{ budget: { used_today: number; remaining_today: number } }> {
    return JSON.parse((await this.sendUntilAnswered(owner, 'GET', '/v1/capabilities')).text)
  }

  async image(owner: string, url: string): Promise<{ status: number; bytes: Uint8Array }> {
    const response = await fetch(url.replace(/^https?:\/\/[^/]+/, this.baseUrl()), { headers: { Authorization: `Bearer ${this.tokens[owner]}` } })
    return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) }
  }

  async sendUntilAnswered(owner: string, method: string, path: string, timeoutMs = 60_000): Promise<{ status: number; text: string }> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const reply = await this.send(owner, method, path)
      if (reply && reply.status < 500 && reply.status !== 429) return reply
      if (Date.now() > deadline) throw new Error(`${method} ${path}: no answer within ${timeoutMs} ms (last: ${reply?.status ?? 'network error'})`)
      await sleep(500)
    }
  }

  private async send(owner: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    try {
      const response = await fetch(this.baseUrl() + path, {
        method,
        headers: { Authorization: `Bearer ${this.tokens[owner]}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(60_000),
      })
      const text = await response.text()
      const retryAfter = response.headers.get('Retry-After')
      this.counters.count(response.status, `${method} ${path.split('?')[0]}`, text, retryAfter)
      return { status: response.status, text, retryAfter }
    } catch {
      this.counters.networkErrors++
      return null
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/** The q-quantile (0..1) of `values`, nearest rank. */
export function quantile(values: number[], q: number): number {
  if (!values.length) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}
