/** One `owner:token` pair from the `CLIENT_TOKENS` secret. */
export interface ClientToken {
  owner: string
  token: string
}

const OWNER = /^[A-Za-z0-9_.@-]{1,64}$/

/**
 * Parses `CLIENT_TOKENS` (`alice:9f3c...,bob:77ab...`). Reasons name the entry by position only: the value is a
 * secret and must never reach a response or a log.
 */
export function parseClientTokens(
  raw: string,
): { ok: true; tokens: ClientToken[] } | { ok: false; reason: string } {
  const entries = raw.split(',').map((s) => s.trim()).filter(Boolean)
  if (entries.length === 0) return { ok: false, reason: 'CLIENT_TOKENS is not set: give at least one owner:token pair.' }
  const tokens: ClientToken[] = []
  for (const [i, entry] of entries.entries()) {
    const colon = entry.indexOf(':')
    const owner = entry.slice(0, colon)
    const token = entry.slice(colon + 1)
    if (colon <= 0 || !OWNER.test(owner) || !token || /\s/.test(token)) {
      return { ok: false, reason: `CLIENT_TOKENS entry ${i + 1} is not owner:token (owner: letters, digits, _.@-).` }
    }
    if (tokens.some((t) => t.token === token)) {
      return { ok: false, reason: `CLIENT_TOKENS entry ${i + 1} repeats another entry's token.` }
    }
    tokens.push({ owner, token })
  }
  return { ok: true, tokens }
}

/**
 * The owner whose token matches `presented`, or null. Compares SHA-256 digests (fixed length) with a loop that
 * always visits every byte of every configured token, so timing reveals neither which token nor how much matched.
 */
export async function ownerForTokenAsync(tokens: ClientToken[], presented: string): Promise<string | null> {
  const wanted = await sha256(presented)
  let found: string | null = null
  for (const { owner, token } of tokens) {
    const digest = await configuredDigestAsync(token)
    let diff = 0
    for (let i = 0; i < digest.length; i++) diff |= digest[i] ^ wanted[i]
    if (diff === 0) found = owner
  }
  return found
}

/**
 * Digests of the configured tokens, made once per isolate instead of on every request (a request then hashes only
 * what it presents). Kept in memory only, like the secret they come from; a rotated secret brings new entries.
 */
const configured = new Map<string, Promise<Uint8Array>>()
const CONFIGURED_MAX = 1000

function configuredDigestAsync(token: string): Promise<Uint8Array> {
  let digest = configured.get(token)
  if (!digest) {
    if (configured.size >= CONFIGURED_MAX) configured.clear()
    digest = sha256(token)
    configured.set(token, digest)
  }
  return digest
}

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
}
