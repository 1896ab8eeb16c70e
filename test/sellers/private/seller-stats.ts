/** One request as the simulator saw it. */
export interface SellerRequestRecord {
  method: string
  path: string
  /** Whether the auth header was accepted (`none` when absent). */
  auth: 'ok' | 'invalid' | 'none'
  body?: unknown
  /** HTTP status; 0 when the socket was destroyed without an answer. */
  status: number
  at: number
}

export interface WebhookRecord {
  url: string
  task_id: string
  status: number | null
  error: string | null
  at: number
}

/** `GET /__sim/stats` of a seller simulator. */
export interface SellerStats {
  submits: number
  polls: number
  cdnGets: number
  authFailures: number
  /** Requests on paths the seller does not serve (e.g. a client that rebuilt fal's status URL). */
  notFound: number
  requests: SellerRequestRecord[]
  webhooks: WebhookRecord[]
}

const KEEP = 200

export class SellerStatsRecorder {
  submits = 0
  polls = 0
  cdnGets = 0
  authFailures = 0
  notFound = 0
  requests: SellerRequestRecord[] = []
  webhooks: WebhookRecord[] = []

  request(record: SellerRequestRecord): void {
    this.requests.push(record)
    if (this.requests.length > KEEP) this.requests.shift()
  }

  webhook(record: WebhookRecord): void {
    this.webhooks.push(record)
    if (this.webhooks.length > KEEP) this.webhooks.shift()
  }

  toJSON(): SellerStats {
    const { submits, polls, cdnGets, authFailures, notFound, requests, webhooks } = this
    return { submits, polls, cdnGets, authFailures, notFound, requests, webhooks }
  }
}
