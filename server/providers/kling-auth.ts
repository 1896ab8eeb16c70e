import { sign } from 'hono/jwt'
import type { KlingAccess } from '../config'

type KlingAuth = KlingAccess['auth']

/** Signed tokens per key pair, shared by all requests an isolate serves (keyed by both, so a rotated secret re-signs). */
const cache = new Map<string, { token: string; exp: number }>()

const LIFETIME_S = 1800
const REUSE_MARGIN_S = 60

/**
 * The bearer for Kling: the API key as-is, or an HS256 JWT `{iss: access key, exp: now+1800, nbf: now-5}` signed
 * with the secret key (kling-upstream.md §1.1). A JWT is reused until fewer than 60 s of its life remain, so long
 * jobs never present one that expires in flight.
 */
export async function klingBearerAsync(auth: KlingAuth, nowMs = Date.now()): Promise<string> {
  if (auth.kind === 'api_key') return auth.apiKey
  const now = Math.floor(nowMs / 1000)
  const key = `${auth.accessKey}\n${auth.secretKey}`
  const cached = cache.get(key)
  if (cached && cached.exp - now >= REUSE_MARGIN_S) return cached.token
  const exp = now + LIFETIME_S
  const token = await sign({ iss: auth.accessKey, exp, nbf: now - 5 }, auth.secretKey, 'HS256')
  cache.set(key, { token, exp })
  return token
}

/** Drops the cached JWT after Kling called it expired (1004), so the next call signs a fresh one. */
export function forgetKlingBearer(auth: KlingAuth): void {
  if (auth.kind === 'key_pair') cache.delete(`${auth.accessKey}\n${auth.secretKey}`)
}
