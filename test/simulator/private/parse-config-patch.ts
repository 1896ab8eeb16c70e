import * as z from 'zod/mini'
import { chaosConfigSchema } from './seeded-chaos'
import type { SimConfigPatch } from './sim-config'

const count = z.number().check(z.int(), z.gte(0))
const fault = z.strictObject({
  status: z.number().check(z.int(), z.gte(100), z.lte(599)),
  code: z.number().check(z.int()),
  message: z.optional(z.string()),
  bare: z.optional(z.boolean()),
})

const patchSchema = z.strictObject({
  chaos: z.optional(z.nullable(chaosConfigSchema)),
  delayMs: z.optional(count),
  concurrency: z.optional(z.nullable(count)),
  faults: z.optional(
    z.strictObject({
      create: z.optional(z.array(fault)),
      query: z.optional(z.array(fault)),
      dropCreate: z.optional(count),
      failTasks: z.optional(count),
      failMessage: z.optional(z.string()),
      cdn: z.optional(
        z.strictObject({
          failures: z.optional(count),
          delayMs: z.optional(count),
          expireAfterMs: z.optional(z.nullable(count)),
        }),
      ),
    }),
  ),
})

/** Validates an admin config body; unknown keys are errors so a typo in a test does not silently do nothing. */
export function parseConfigPatch(value: unknown): { ok: true; patch: SimConfigPatch } | { ok: false; error: string } {
  const result = patchSchema.safeParse(value)
  if (result.success) return { ok: true, patch: result.data }
  const issue = result.error.issues[0]
  return { ok: false, error: `${issue.path.join('.') || '(body)'}: ${issue.message}` }
}
