import type { ServerResponse } from 'node:http'

/**
 * Answers that break on the way, as chaos mode sends them (the same for Kling and the sellers): a 2xx whose JSON
 * stops half-way, and a result image that is short.
 */

/** A JSON answer of `status` whose body is only the first part of `text` (the whole of it announced as sent). */
export function sendHalfJson(res: ServerResponse, status: number, text: string): void {
  const bytes = Buffer.from(text)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': bytes.length })
  res.end(bytes)
}

/** The first half of a JSON body: never parses, and may still contain the id the client needs. */
export function halfOf(body: unknown): string {
  const text = JSON.stringify(body)
  return text.slice(0, Math.ceil(text.length / 2))
}

/**
 * A result image cut short. `truncated`: a complete 200 answer of half the PNG. `cut`: the full length announced,
 * half sent, then the connection reset.
 */
export function sendShortImage(res: ServerResponse, png: Buffer, kind: 'truncated' | 'cut'): void {
  const half = png.subarray(0, Math.floor(png.length / 2))
  res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': kind === 'cut' ? png.length : half.length })
  if (kind === 'truncated') return void res.end(half)
  res.write(half)
  setTimeout(() => res.socket?.destroy(), 20)
}
