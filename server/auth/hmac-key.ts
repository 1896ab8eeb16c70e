/**
 * The HMAC-SHA256 key of a secret (CALLBACK_SECRET signs callback and input URL tokens), imported once per isolate:
 * every submit signs tokens and every callback or input fetch verifies one.
 */
const keys = new Map<string, Promise<CryptoKey>>()

export function hmacKeyAsync(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret)
  if (!key) {
    if (keys.size >= 10) keys.clear()
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
    keys.set(secret, key)
  }
  return key
}
