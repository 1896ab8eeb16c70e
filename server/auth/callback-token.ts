/**
 * Callback URL tokens: `{jobId}.{base64url(owner)}.{base64url(HMAC-SHA256(owner \n jobId, CALLBACK_SECRET))}`.
 * Owner and job stay readable so the route goes straight to the owner's object; the MAC proves we minted it, so a
 * forged callback cannot even wake an object.
 */
export interface CallbackTarget {
  owner: string
  jobId: string
}

export async function callbackTokenAsync(target: CallbackTarget, secret: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await keyAsync(secret), signed(target))
  return `${target.jobId}.${toBase64Url(new TextEncoder().encode(target.owner))}.${toBase64Url(new Uint8Array(mac))}`
}

/** The owner and job a token was minted for, or null. `crypto.subtle.verify` compares in constant time. */
export async function verifyCallbackTokenAsync(token: string, secret: string): Promise<CallbackTarget | null> {
  const parts = token.split('.')
  if (parts.length !== 3 || !parts[0] || !parts[1]) return null
  const ownerBytes = fromBase64Url(parts[1])
  const mac = fromBase64Url(parts[2])
  if (!ownerBytes || !mac || mac.length !== 32) return null
  let owner: string
  try {
    owner = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(ownerBytes)
  } catch {
    return null
  }
  const target = { owner, jobId: parts[0] }
  const ok = await crypto.subtle.verify('HMAC', await keyAsync(secret), mac, signed(target))
  return ok ? target : null
}

function signed({ owner, jobId }: CallbackTarget): Uint8Array {
  return new TextEncoder().encode(`${owner}\n${jobId}`)
}

/** The imported key per secret, once per isolate (every submit signs a token, every callback verifies one). */
const keys = new Map<string, Promise<CryptoKey>>()

function keyAsync(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret)
  if (!key) {
    if (keys.size >= 10) keys.clear()
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
    keys.set(secret, key)
  }
  return key
}

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The bytes of unpadded base64url text, or null when it is not that (a length of 4k+1 encodes no byte string). */
function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) return null
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '='))
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  // Only the one canonical spelling: a changed last character can decode to the same bytes.
  return toBase64Url(bytes) === text ? bytes : null
}
