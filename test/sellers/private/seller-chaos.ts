/**
 * Chaos mode of the seller simulators (`/__sim/config {chaos: {rate, seed, stallMs?}}`, `GET /__sim/chaos`): the
 * seeded core shared with Kling's simulator, with fault kinds every seller can suffer. Each seller says them in its
 * own words (its vocabulary: statuses, error bodies, headers, and which kinds it has at all).
 *
 * Submits: the seller's "too many requests", its server error (before or after the task exists), a bare gateway
 * error, the answer lost after the task exists, or a 2xx whose JSON stops half-way after the task exists.
 * Polls: the seller's server error, a bare gateway error, a malformed body, or a stall past the client's timeout.
 * Result files: 500, a truncated image, the connection cut mid-body, or the URL expired for good.
 * Webhooks: lost, late, or sent twice.
 */
import type { ServerResponse } from 'node:http'
import { halfOf, sendHalfJson } from '../../simulator/private/damaged-answers'
import { sendText } from '../../simulator/private/http-io'
import { SeededChaos, type ChaosConfig } from '../../simulator/private/seeded-chaos'
import type { SellerContext } from './seller-context'
import type { SellerRequestRecord } from './seller-stats'

export type SellerChaosSurface = 'submit' | 'poll' | 'file' | 'webhook'

export type SellerChaosKind =
  | 'rate_limited'
  | 'server_error'
  | 'server_error_after_create'
  | 'gateway'
  | 'lost_response'
  | 'malformed_after_create'
  | 'poll_server_error'
  | 'poll_gateway'
  | 'poll_malformed'
  | 'poll_stall'
  | 'file_error'
  | 'file_truncated'
  | 'file_cut'
  | 'file_expired'
  | 'webhook_lost'
  | 'webhook_late'
  | 'webhook_twice'

/** A seller's answer to a fault: JSON (its error body) or, from a gateway in front of it, bare text. */
export interface ChaosAnswer {
  status: number
  body: unknown
  bare?: boolean
  headers?: Record<string, string>
}

/** How one seller fails: which kinds it has on each surface and the answer it gives for each. */
export interface SellerChaosVocabulary {
  kinds: Record<SellerChaosSurface, readonly SellerChaosKind[]>
  answers: Partial<Record<SellerChaosKind, ChaosAnswer>>
}

/** A bare gateway error in front of any seller (an HTML or text page, no JSON). */
export const GATEWAY_ANSWERS = {
  gateway: { status: 502, body: '502 Bad Gateway', bare: true },
  poll_gateway: { status: 503, body: '503 Service Temporarily Unavailable', bare: true },
} as const satisfies Partial<Record<SellerChaosKind, ChaosAnswer>>

/** The kinds every seller has on polls and result files. */
export const POLL_KINDS = ['poll_server_error', 'poll_gateway', 'poll_malformed', 'poll_malformed', 'poll_stall'] as const
export const FILE_KINDS = ['file_error', 'file_error', 'file_truncated', 'file_cut', 'file_expired'] as const
export const WEBHOOK_KINDS = ['webhook_lost', 'webhook_late', 'webhook_twice'] as const

/** How much later a late webhook arrives. */
export const LATE_WEBHOOK_MS = 4_000

export class SellerChaos extends SeededChaos<SellerChaosSurface, SellerChaosKind> {
  constructor(
    config: ChaosConfig,
    readonly vocabulary: SellerChaosVocabulary,
  ) {
    super(config, vocabulary.kinds)
  }

  /** The seller's answer for a fault answered instead of the call; null for faults that act later. */
  answerOf(kind: SellerChaosKind | undefined): ChaosAnswer | null {
    return (kind && this.vocabulary.answers[kind]) || null
  }
}

/**
 * Picks a fault for a submit or a poll (a stall is held here) and answers at once those that refuse the call
 * before anything is created or read. Returns the fault, or null when there is none; `answered` when sent.
 */
export async function callFaultAsync(
  ctx: SellerContext,
  surface: 'submit' | 'poll',
  res: ServerResponse,
  record: SellerRequestRecord,
): Promise<{ kind: SellerChaosKind | null; answered: boolean }> {
  const kind = ctx.chaos?.pick(surface)?.kind ?? null
  if (kind === 'poll_stall') await ctx.chaos?.stall()
  const answer = kind && !kind.endsWith('_after_create') ? ctx.chaos?.answerOf(kind) : null
  if (answer) sendChaosAnswer(ctx, res, record, answer)
  return { kind, answered: Boolean(answer) }
}

/**
 * The answer to a call that went through (a task created, a task read), with what a fault does to it afterwards:
 * the socket dropped (chaos, or the `dropSubmit` fault of a submit), the seller's server error after the task
 * exists, or a body whose JSON stops half-way. Otherwise `send` answers normally.
 */
export function sendThrough(
  ctx: SellerContext,
  res: ServerResponse,
  record: SellerRequestRecord,
  fault: SellerChaosKind | null,
  answer: { status: number; body: unknown },
  send: () => void,
): void {
  const dropped = record.method === 'POST' && ctx.config.faults.dropSubmit > 0
  if (dropped || fault === 'lost_response') {
    if (dropped) ctx.config.faults.dropSubmit--
    record.status = 0
    ctx.stats.request(record)
    ctx.log(`${record.method} ${record.path} → task created, connection dropped (${dropped ? 'fault' : 'chaos'})`)
    res.socket?.destroy()
    return
  }
  const after = fault === 'server_error_after_create' ? ctx.chaos?.answerOf(fault) : null
  if (after) return sendChaosAnswer(ctx, res, record, after)
  if (fault === 'malformed_after_create' || fault === 'poll_malformed') {
    record.status = answer.status
    ctx.stats.request(record)
    ctx.log(`${record.method} ${record.path} → ${answer.status} with a malformed body (chaos)`)
    return sendHalfJson(res, answer.status, halfOf(answer.body))
  }
  send()
}

/** Sends a fault's answer and records it. */
export function sendChaosAnswer(ctx: SellerContext, res: ServerResponse, record: SellerRequestRecord, answer: ChaosAnswer): void {
  record.status = answer.status
  ctx.stats.request(record)
  ctx.log(`${record.method} ${record.path} → ${answer.status} (chaos)`)
  if (answer.bare) return sendText(res, answer.status, String(answer.body))
  const bytes = Buffer.from(JSON.stringify(answer.body))
  res.writeHead(answer.status, { 'Content-Type': 'application/json', 'Content-Length': bytes.length, ...answer.headers })
  res.end(bytes)
}
