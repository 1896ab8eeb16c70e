import type { ServerResponse } from 'node:http'
import type { FieldProblem } from './field-check'

/** fal's error body for a refused input: pydantic's `{detail: [{loc, msg, type}]}` (kling-upstream.md §7.3). */
export function falValidationBody(problems: FieldProblem[]): { detail: { loc: string[]; msg: string; type: string }[] } {
  return { detail: problems.map((p) => ({ loc: ['body', ...p.field.split('.')], msg: p.message, type: p.type })) }
}

/** Writes a JSON answer with fal's retry hint header when it is known. */
export function sendFal(res: ServerResponse, status: number, body: unknown, retryable?: boolean): void {
  const bytes = Buffer.from(JSON.stringify(body))
  const headers: Record<string, string | number> = { 'Content-Type': 'application/json', 'Content-Length': bytes.length }
  if (retryable !== undefined) headers['X-Fal-Retryable'] = String(retryable)
  res.writeHead(status, headers)
  res.end(bytes)
}

/** The message fal gives for a content-policy failure. */
export const FAL_POLICY_MESSAGE = 'The content could not be processed because it contained material flagged by a content checker.'
