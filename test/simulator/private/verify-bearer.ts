import { createHmac, timingSafeEqual } from 'node:crypto'
import { KlingError } from './kling-error'

/** How a request authenticated: the legacy AK/SK JWT or the 2026 static API key (kling-upstream.md §1). */
export type AuthKind = 'jwt' | 'api_key'

export interface Credentials {
  accessKey: string
  secretKey: string
  apiKey: string
}

/**
 * `nbf` may be up to this many seconds in the future. JWT times are whole seconds while our clock is not: a client
 * that stamps `nbf = ceil(now)` instead of back-dating it would otherwise fail for the rest of the current second.
 * `exp` gets no slack at all, so a client's refresh-before-expiry logic is tested strictly.
 */
export const NBF_SLACK_SECONDS = 1

const unauthorized = (code: number, message: string) => new KlingError(401, code, message)

/**
 * Checks an `Authorization` header: 1001 when missing or empty, 1002 when malformed / wrongly signed / unknown
 * `iss`, 1003 when `nbf` is in the future, 1004 when expired (all HTTP 401, kling-upstream.md §1.1, §5).
 */
export function verifyBearer(header: string | undefined, credentials: Credentials, nowMs: number): AuthKind {
  const value = (header ?? '').trim()
  if (value === '' || /^bearer$/i.test(value)) throw unauthorized(1001, 'Authorization is empty')
  // The doc insists on "Bearer <token>" with a space; the scheme name itself is case-insensitive (RFC 7235).
  const match = /^Bearer +(\S+)$/i.exec(value)
  if (!match) throw unauthorized(1002, 'Authorization is invalid: expected "Bearer <token>"')
  const token = match[1]
  if (safeEqual(token, credentials.apiKey)) return 'api_key'
  verifyJwt(token, credentials, nowMs / 1000)
  return 'jwt'
}

function verifyJwt(token: string, credentials: Credentials, nowSeconds: number): void {
  const parts = token.split('.')
  if (parts.length !== 3) throw unauthorized(1002, 'Authorization is invalid: not an API key or a JWT')
  const [headerPart, payloadPart, signaturePart] = parts
  const header = decodeJsonPart(headerPart)
  const claims = decodeJsonPart(payloadPart)
  if (!header || !claims) throw unauthorized(1002, 'Authorization is invalid: malformed JWT')
  if (header.alg !== 'HS256') throw unauthorized(1002, 'Authorization is invalid: JWT alg must be HS256')
  if (header.typ !== undefined && header.typ !== 'JWT') throw unauthorized(1002, 'Authorization is invalid: JWT typ must be JWT')
  if (typeof claims.iss !== 'string' || !safeEqual(claims.iss, credentials.accessKey)) {
    throw unauthorized(1002, 'Authorization is invalid: unknown access key (iss)')
  }
  const expected = createHmac('sha256', credentials.secretKey).update(`${headerPart}.${payloadPart}`).digest()
  const given = Buffer.from(signaturePart, 'base64url')
  // Re-encoding catches signatures that Node's lenient base64url decoder would accept with stray characters.
  if (given.toString('base64url') !== signaturePart || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw unauthorized(1002, 'Authorization is invalid: bad JWT signature')
  }
  // The documented token always carries exp and nbf; a token without an expiry is treated as malformed.
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) throw unauthorized(1002, 'Authorization is invalid: exp claim missing')
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || !Number.isFinite(claims.nbf))) {
    throw unauthorized(1002, 'Authorization is invalid: nbf claim is not a number')
  }
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds + NBF_SLACK_SECONDS) {
    throw unauthorized(1003, `Authorization is not yet valid (nbf ${claims.nbf} is ${Math.round(claims.nbf - nowSeconds)} s ahead)`)
  }
  if (nowSeconds >= claims.exp) throw unauthorized(1004, `Authorization has expired (exp ${claims.exp})`)
}

function decodeJsonPart(part: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** Constant-time string comparison (length still leaks, as with any HMAC check). */
function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
