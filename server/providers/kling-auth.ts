import { sign } from 'hono/jwt'
import type { KlingAccess } from '../config'

type KlingAuth = KlingAccess['auth']

/** Signed tokens per key pair, shared by all requests an isolate serves (keyed by both, so a rotated secret re-signs). */
const cache = new Map<string, { token: string; exp: number }>()

const LIFETIME_S = 1800
const REUSE_MARGIN_S = 60
/** How far `nbf` is back-dated: Kling's 5 s, or a minute once Kling said our token was not yet valid (1003). */
const NBF_BACKDATE_S = 5
const SKEWED_NBF_BACKDATE_S = 60
/** Key pairs Kling has reported clock skew for (1003): their tokens are back-dated further from then on. */
const skewed = new Set<string>()

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
  const nbf = now - (skewed.has(key) ? SKEWED_NBF_BACKDATE_S : NBF_BACKDATE_S)
  const token = await sign({ iss: auth.accessKey, exp, nbf }, auth.secretKey, 'HS256')
  cache.set(key, { token, exp })
  return token
}

/**
 * Drops the cached JWT after Kling refused it as expired (1004) or not yet valid (1003), so the next call signs a
 * fresh one; after 1003 (our clock runs ahead of Kling's) the fresh one is back-dated further.
 */
export function forgetKlingBearer(auth: KlingAuth, reason: 'expired' | 'not_yet_valid' = 'expired'): void {
  if (auth.kind !== 'key_pair') return
  const key = `${auth.accessKey}\n${auth.secretKey}`
  cache.delete(key)
  if (reason === 'not_yet_valid') skewed.add(key)
}
