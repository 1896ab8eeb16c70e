import { fromBase64Url, toBase64Url } from './base64url'
import { hmacKeyAsync } from './hmac-key'

/**
 * Callback URL tokens: `{jobId}.{base64url(owner)}.{base64url(HMAC-SHA256("callback\n" owner \n jobId))}` under
 * CALLBACK_SECRET. Owner and job stay readable so the route goes straight to the owner's object; the MAC proves we
 * minted it, so a forged callback cannot even wake an object. The domain prefix keeps an input-URL MAC (same key,
 * "input\n") from ever verifying here.
 */
export interface CallbackTarget {
  owner: string
  jobId: string
}

export async function callbackTokenAsync(target: CallbackTarget, secret: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKeyAsync(secret), signed(target))
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
  const ok = await crypto.subtle.verify('HMAC', await hmacKeyAsync(secret), mac, signed(target))
  return ok ? target : null
}

function signed({ owner, jobId }: CallbackTarget): Uint8Array {
  return new TextEncoder().encode(`callback\n${owner}\n${jobId}`)
}
