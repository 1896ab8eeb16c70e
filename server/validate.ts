import * as z from 'zod/mini'
import en from 'zod/v4/locales/en.js'
import type { FieldIssue } from '../shared/api/schemas'
import { ApiError } from './errors'

// zod/mini ships without messages ("Invalid input"); the English locale names what was expected. Imported by
// path: `z.locales.en` would bundle all fifty locales (~300 KB).
z.config(en())

/**
 * Parses `value` with a shared schema, or throws 400 `invalid_request` whose `details` name every bad field
 * (one entry per unknown key, so a typo is pointed at directly).
 */
export function parseOrThrow<S extends z.ZodMiniType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw invalidRequest(where, issueDetails(result.error.issues))
}

/** 400 `invalid_request` for `where` (e.g. "body", "query") with field-level details. */
export function invalidRequest(where: string, details: FieldIssue[]): ApiError {
  const fields = [...new Set(details.map((d) => d.path || where))].join(', ')
  return new ApiError('invalid_request', `The request ${where} is invalid: ${fields}.`, { details })
}

function issueDetails(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.flatMap((issue): FieldIssue[] => {
    const path = issue.path.map(String).join('.')
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: 'unknown field' }))
    }
    if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
      return [{ path, message: `required (${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})` }]
    }
    return [{ path, message: issue.message }]
  })
}
