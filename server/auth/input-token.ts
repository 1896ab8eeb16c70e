import { fromBase64Url, toBase64Url } from './base64url'
import { hmacKeyAsync } from './hmac-key'

/**
 * Tokens of input-image URLs (`GET /v1/inputs/{token}`), for sellers that fetch images by URL:
 * `{base64url(JSON {o: owner, j: job id, s: slot, e: expiry ms})}.{base64url(HMAC-SHA256("input\n" + payload))}`.
 * The MAC (under CALLBACK_SECRET, domain-separated from callback tokens) proves we minted it; the expiry bounds it.
 */
export interface InputTarget {
  owner: string
  jobId: string
  /** The request field path of the image: `image`, `images.0`, `subject_images.1`, ... */
  slot: string
  /** Unix ms after which the URL answers 404. */
  expiresAt: number
}

const DOMAIN = 'input\n'

export async function inputTokenAsync(target: InputTarget, secret: string): Promise<string> {
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify({ o: target.owner, j: target.jobId, s: target.slot, e: target.expiresAt })))
  const mac = await crypto.subtle.sign('HMAC', await hmacKeyAsync(secret), new TextEncoder().encode(DOMAIN + payload))
  return `${payload}.${toBase64Url(new Uint8Array(mac))}`
}

/** The target a token was minted for, if the MAC holds (checked in constant time) and it has not expired. */
export async function verifyInputTokenAsync(token: string, secret: string, now: number): Promise<InputTarget | null> {
  const parts = token.split('.')
  if (parts.length !== 2) return null
  const [payload, macText] = parts
  const mac = fromBase64Url(macText)
  if (!payload || !mac || mac.length !== 32) return null
  const ok = await crypto.subtle.verify('HMAC', await hmacKeyAsync(secret), mac, new TextEncoder().encode(DOMAIN + payload))
  if (!ok) return null
  const bytes = fromBase64Url(payload)
  if (!bytes) return null
  try {
    const { o, j, s, e } = JSON.parse(new TextDecoder().decode(bytes)) as { o?: unknown; j?: unknown; s?: unknown; e?: unknown }
    if (typeof o !== 'string' || typeof j !== 'string' || typeof s !== 'string' || typeof e !== 'number') return null
    return e > now ? { owner: o, jobId: j, slot: s, expiresAt: e } : null
  } catch {
    return null
  }
}
