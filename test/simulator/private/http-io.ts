import type { ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'

/** Writes a JSON response with an explicit Content-Length (clients and benchmarks rely on it). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const bytes = Buffer.from(JSON.stringify(body))
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': bytes.length })
  res.end(bytes)
}

/** Writes a plain-text response (CDN errors and unknown admin routes: no Kling envelope there). */
export function sendText(res: ServerResponse, status: number, text: string): void {
  const bytes = Buffer.from(text)
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': bytes.length })
  res.end(bytes)
}

/** Kling's `{code, message, request_id, data}` envelope; a fresh request id per response, as upstream does. */
export interface KlingEnvelope {
  code: number
  message: string
  request_id: string
  data: unknown
}

export function envelope(code: number, message: string, data: unknown): KlingEnvelope {
  return { code, message, request_id: randomUUID(), data }
}
