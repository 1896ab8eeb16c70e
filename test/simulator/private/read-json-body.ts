import type { IncomingMessage } from 'node:http'
import { invalidRequest } from './kling-error'

/** Largest body the simulator reads: a 10 MB image is ~13.4 MB of base64, plus room for the other fields. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024

/** A request body, read once and parsed once (the log and the validator share it). */
export type JsonBody = { kind: 'json'; value: unknown } | { kind: 'empty' } | { kind: 'invalid' } | { kind: 'tooLarge' }

/** Reads and parses the body; past MAX_BODY_BYTES the rest is drained, not buffered. */
export async function readJsonBodyAsync(req: IncomingMessage): Promise<JsonBody> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size <= MAX_BODY_BYTES) chunks.push(buffer)
  }
  if (size > MAX_BODY_BYTES) return { kind: 'tooLarge' }
  if (size === 0) return { kind: 'empty' }
  try {
    return { kind: 'json', value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }
  } catch {
    return { kind: 'invalid' }
  }
}

/**
 * The body of a create request as an object. Kling documents `Content-Type: application/json` as required and JSON
 * as the only exchange format, so other content types, empty or invalid JSON and non-object bodies are 400/1200.
 */
export function requireJsonObject(body: JsonBody, contentType: string | undefined): Record<string, unknown> {
  if (body.kind === 'tooLarge') throw invalidRequest(`request body exceeds ${MAX_BODY_BYTES} bytes`)
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase()
  if (type !== 'application/json') throw invalidRequest('Content-Type must be application/json')
  if (body.kind === 'empty') throw invalidRequest('request body is empty')
  if (body.kind === 'invalid') throw invalidRequest('request body is not valid JSON')
  const value = body.value
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidRequest('request body must be a JSON object')
  return value as Record<string, unknown>
}
