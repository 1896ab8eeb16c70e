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
import { SeededChaos, type ChaosConfig } from './seeded-chaos'

export type { ChaosConfig } from './seeded-chaos'

export type ChaosSurface = 'create' | 'query' | 'cdn'

export type ChaosFault =
  | { kind: 'busy' | 'server_error' | 'maintenance' | 'gateway' | 'lost_response' | 'malformed_after_create' }
  | { kind: 'query_server_error' | 'query_gateway' | 'query_malformed' | 'query_stall' }
  | { kind: 'cdn_error' | 'cdn_truncated' | 'cdn_cut' | 'cdn_expired' }

const KINDS = {
  create: ['busy', 'busy', 'server_error', 'maintenance', 'gateway', 'lost_response', 'malformed_after_create'],
  query: ['query_server_error', 'query_gateway', 'query_malformed', 'query_malformed', 'query_stall'],
  cdn: ['cdn_error', 'cdn_error', 'cdn_truncated', 'cdn_cut', 'cdn_expired'],
} as const satisfies Record<ChaosSurface, readonly ChaosFault['kind'][]>

/** Kling's chaos: the shared seeded core with Kling's fault table. */
export class Chaos extends SeededChaos<ChaosSurface, ChaosFault['kind']> {
  constructor(config: ChaosConfig) {
    super(config, KINDS)
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
