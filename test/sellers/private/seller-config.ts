import * as z from 'zod/mini'
import { chaosConfigSchema } from '../../simulator/private/seeded-chaos'

/**
 * A canned answer given instead of handling a request: the HTTP status, an optional message, and (for fal) whether
 * the answer says the request may be retried. Each seller renders it in its own error body.
 */
export interface SellerFault {
  status: number
  message?: string | undefined
  /** fal's `X-Fal-Retryable` header; other sellers ignore it. */
  retryable?: boolean | undefined
}

/** Faults and settings as accepted by `/__sim/config` and `/__sim/reset` (a given key replaces its value). */
export interface SellerConfigPatch {
  /** Chaos mode: `rate` of the calls fail at random (seeded); null turns it off. See seller-chaos.ts. */
  chaos?: { rate: number; seed: number; stallMs?: number | undefined } | null | undefined
  delayMs?: number | undefined
  /** PixelDojo's account balance in credits (other sellers ignore it). */
  credits?: number | undefined
  faults?:
    | {
        /** Consumed FIFO, one per submit (after auth): answered instead, nothing is created. */
        submit?: SellerFault[] | undefined
        /** Consumed FIFO, one per status or result read (after auth). */
        poll?: SellerFault[] | undefined
        /** The next N accepted submits DO create their task, then the socket is destroyed without an answer. */
        dropSubmit?: number | undefined
        /** The next N created tasks end failed, with `failMessage`. */
        failTasks?: number | undefined
        failMessage?: string | undefined
        cdn?: { failures?: number | undefined; delayMs?: number | undefined; expireAfterMs?: number | null | undefined } | undefined
      }
    | undefined
}

export interface SellerConfig {
  delayMs: number
  credits: number
  faults: {
    submit: SellerFault[]
    poll: SellerFault[]
    dropSubmit: number
    failTasks: number
    failMessage: string
    cdn: { failures: number; delayMs: number; expireAfterMs: number | null }
  }
}

export const DEFAULT_CREDITS = 1000

export function defaultSellerConfig(delayMs: number): SellerConfig {
  return {
    delayMs,
    credits: DEFAULT_CREDITS,
    faults: { submit: [], poll: [], dropSubmit: 0, failTasks: 0, failMessage: 'Image generation failed', cdn: { failures: 0, delayMs: 0, expireAfterMs: null } },
  }
}

const count = z.number().check(z.int(), z.gte(0))
const fault = z.strictObject({
  status: z.number().check(z.int(), z.gte(100), z.lte(599)),
  message: z.optional(z.string()),
  retryable: z.optional(z.boolean()),
})
const patchSchema = z.strictObject({
  chaos: z.optional(z.nullable(chaosConfigSchema)),
  delayMs: z.optional(count),
  credits: z.optional(count),
  faults: z.optional(
    z.strictObject({
      submit: z.optional(z.array(fault)),
      poll: z.optional(z.array(fault)),
      dropSubmit: z.optional(count),
      failTasks: z.optional(count),
      failMessage: z.optional(z.string()),
      cdn: z.optional(z.strictObject({ failures: z.optional(count), delayMs: z.optional(count), expireAfterMs: z.optional(z.nullable(count)) })),
    }),
  ),
})

/** Validates an admin body; unknown keys are errors, so a typo in a test does not silently do nothing. */
export function parseSellerConfigPatch(value: unknown): { ok: true; patch: SellerConfigPatch } | { ok: false; error: string } {
  const result = patchSchema.safeParse(value)
  if (result.success) return { ok: true, patch: result.data }
  const issue = result.error.issues[0]
  return { ok: false, error: `${issue.path.join('.') || '(body)'}: ${issue.message}` }
}

export function applySellerConfigPatch(config: SellerConfig, patch: SellerConfigPatch): void {
  if (patch.delayMs !== undefined) config.delayMs = patch.delayMs
  if (patch.credits !== undefined) config.credits = patch.credits
  const faults = patch.faults
  if (!faults) return
  if (faults.submit !== undefined) config.faults.submit = faults.submit.map((f) => ({ ...f }))
  if (faults.poll !== undefined) config.faults.poll = faults.poll.map((f) => ({ ...f }))
  if (faults.dropSubmit !== undefined) config.faults.dropSubmit = faults.dropSubmit
  if (faults.failTasks !== undefined) config.faults.failTasks = faults.failTasks
  if (faults.failMessage !== undefined) config.faults.failMessage = faults.failMessage
  if (faults.cdn?.failures !== undefined) config.faults.cdn.failures = faults.cdn.failures
  if (faults.cdn?.delayMs !== undefined) config.faults.cdn.delayMs = faults.cdn.delayMs
  if (faults.cdn?.expireAfterMs !== undefined) config.faults.cdn.expireAfterMs = faults.cdn.expireAfterMs
}
