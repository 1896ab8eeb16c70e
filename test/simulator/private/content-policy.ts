import { KlingError } from './kling-error'

/** The real failure text for a risk-control rejection after creation (kling-upstream.md §3, §10.1). */
export const RISK_CONTROL_MESSAGE = 'The content may violate the community guidelines (risk control triggered)'

/**
 * Two deterministic stand-ins for Kling's moderation: the word "forbidden" is refused at create time
 * (400/1301), the word "unsafe" is accepted and then fails the task. Returns the planned failure message, if any.
 */
export function checkContentPolicy(prompt: string | null): string | null {
  if (prompt === null) return null
  if (/\bforbidden\b/i.test(prompt)) throw new KlingError(400, 1301, 'content security policy triggered')
  return /\bunsafe\b/i.test(prompt) ? RISK_CONTROL_MESSAGE : null
}
