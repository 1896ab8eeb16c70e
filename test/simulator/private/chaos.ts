/**
 * Chaos mode: a seeded share of upstream calls fails the way a real seller fails (issue 9's fault suite), so a
 * stress run can prove that every job still ends `succeeded` or `failed` with a clear reason, that no task is
 * created twice and that nothing leaks. Deterministic for a given seed and call order.
 *
 * Creates: 429/1303 (over the concurrency limit), 500/5000, 503/5001, a bare 502 from a gateway, the response
 * lost after the task was created, or a malformed body after the task was created.
 * Queries: 500/5000, a bare 503, a malformed body, or a stall past the client's 15 s timeout.
 * CDN: 500, a truncated image, the connection cut mid-body, or the URL expired for good.
 */
import { KLING_CODE_MESSAGES, KlingError } from './kling-error'

export type ChaosSurface = 'create' | 'query' | 'cdn'

export type ChaosFault =
  | { kind: 'busy' | 'server_error' | 'maintenance' | 'gateway' | 'lost_response' | 'malformed_after_create' }
  | { kind: 'query_server_error' | 'query_gateway' | 'query_malformed' | 'query_stall' }
  | { kind: 'cdn_error' | 'cdn_truncated' | 'cdn_cut' | 'cdn_expired' }

export interface ChaosConfig {
  /** Share of calls that fail, 0 to 1. */
  rate: number
  seed: number
  /** How long a stalled query is held (default 16 s: past the backend's 15 s GET timeout). */
  stallMs: number
}

const KINDS: Record<ChaosSurface, readonly ChaosFault['kind'][]> = {
  create: ['busy', 'busy', 'server_error', 'maintenance', 'gateway', 'lost_response', 'malformed_after_create'],
  query: ['query_server_error', 'query_gateway', 'query_malformed', 'query_malformed', 'query_stall'],
  cdn: ['cdn_error', 'cdn_error', 'cdn_truncated', 'cdn_cut', 'cdn_expired'],
}

/** Picks faults from a seeded generator and counts what it injected. */
export class Chaos {
  readonly injected: Partial<Record<ChaosFault['kind'], number>> = {}
  readonly calls: Record<ChaosSurface, number> = { create: 0, query: 0, cdn: 0 }
  /** Tasks whose image URLs expired for good (`cdn_expired`): every later download is 404, as upstream. */
  readonly expired = new Set<string>()
  private next: () => number

  constructor(readonly config: ChaosConfig) {
    this.next = mulberry32(config.seed)
  }

  /** The fault for this call, or null to answer it normally. */
  pick(surface: ChaosSurface): ChaosFault | null {
    this.calls[surface]++
    if (this.next() >= this.config.rate) return null
    const kinds = KINDS[surface]
    const kind = kinds[Math.floor(this.next() * kinds.length)]
    this.injected[kind] = (this.injected[kind] ?? 0) + 1
    return { kind } as ChaosFault
  }

  toJSON() {
    return { config: this.config, calls: this.calls, injected: this.injected }
  }
}

/** The error a fault answers with before anything is created or read; null for faults that act later. */
export function chaosError(fault: ChaosFault): KlingError | null {
  switch (fault.kind) {
    case 'busy':
      return new KlingError(429, 1303, 'parallel task over resource pack limit')
    case 'server_error':
    case 'query_server_error':
      return new KlingError(500, 5000, KLING_CODE_MESSAGES[5000] ?? 'internal server error')
    case 'maintenance':
      return new KlingError(503, 5001, KLING_CODE_MESSAGES[5001] ?? 'service temporarily unavailable')
    case 'gateway':
      return new KlingError(502, 0, 'Bad Gateway', true)
    case 'query_gateway':
      return new KlingError(503, 0, 'Service Unavailable', true)
    default:
      return null
  }
}

/** A 200 whose JSON body stops half-way: the client cannot tell what happened. */
export const MALFORMED_BODY = '{"code":0,"message":"SUCCEED","request_id":"chaos","data":{"task_id":"'

/** A small, well-known 32-bit PRNG: the same seed gives the same faults. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
