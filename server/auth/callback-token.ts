/**
 * Callback URL tokens: `{jobId}.{base64url(HMAC-SHA256(jobId, CALLBACK_SECRET))}`. The job id stays readable so
 * the route can find the job; the MAC proves we minted it, so a forged callback cannot even make us poll.
 */
export async function callbackTokenAsync(jobId: string, secret: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await keyAsync(secret), new TextEncoder().encode(jobId))
  return `${jobId}.${toBase64Url(new Uint8Array(mac))}`
}

/** The job id a token was minted for, or null. `crypto.subtle.verify` compares in constant time. */
export async function verifyCallbackTokenAsync(token: string, secret: string): Promise<string | null> {
  const dot = token.lastIndexOf('.')
  if (dot <= 0) return null
  const jobId = token.slice(0, dot)
  const mac = fromBase64Url(token.slice(dot + 1))
  if (!mac || mac.length !== 32) return null
  const ok = await crypto.subtle.verify('HMAC', await keyAsync(secret), mac, new TextEncoder().encode(jobId))
  return ok ? jobId : null
}

function keyAsync(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
}

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The bytes of unpadded base64url text, or null when it is not that (a length of 4k+1 encodes no byte string). */
function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) return null
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '='))
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}
