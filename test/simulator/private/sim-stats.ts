import type { Endpoint } from './create-request'
/** How a request authenticated, as shown in /__sim/stats (`invalid` = a header was sent but rejected). */
export type RequestAuth = 'jwt' | 'api_key' | 'none' | 'invalid'

export interface RequestRecord {
  method: string
  /** Path and query string. */
  path: string
  auth: RequestAuth
  /** The `Content-Type` header as sent; null when absent. */
  contentType: string | null
  /** Sanitized JSON body, when there was one. */
  body?: unknown
  /** HTTP status; 0 when the socket was destroyed without a response (dropCreate). */
  status: number
  /** Kling `code` of the answer; 0 for success, CDN and dropped requests. */
  code: number
  /** Unix ms when the request arrived. */
  at: number
}

export interface CallbackRecord {
  url: string
  task_id: string
  task_status: string
  /** HTTP status of the receiver's answer; null when the POST failed (refused, timeout). */
  status: number | null
  error: string | null
  at: number
}

/** `GET /__sim/stats`. */
export interface AdminStats {
  creates: Record<Endpoint, number>
  queries: number
  lists: number
  cdnGets: number
  authFailures: number
  requests: RequestRecord[]
  callbacks: CallbackRecord[]
}

const KEEP = 200

/** Counters and the last 200 requests / callbacks, for tests and benchmarks to assert on. */
export class SimStats {
  creates: Record<Endpoint, number> = { generations: 0, expand: 0, 'multi-image2image': 0, 'omni-image': 0 }
  queries = 0
  lists = 0
  cdnGets = 0
  authFailures = 0
  requests: RequestRecord[] = []
  callbacks: CallbackRecord[] = []

  recordRequest(record: RequestRecord): void {
    this.requests.push(record)
    if (this.requests.length > KEEP) this.requests.shift()
  }

  recordCallback(record: CallbackRecord): void {
    this.callbacks.push(record)
    if (this.callbacks.length > KEEP) this.callbacks.shift()
  }

  toJSON(): AdminStats {
    return {
      creates: { ...this.creates },
      queries: this.queries,
      lists: this.lists,
      cdnGets: this.cdnGets,
      authFailures: this.authFailures,
      requests: this.requests,
      callbacks: this.callbacks,
    }
  }
}
