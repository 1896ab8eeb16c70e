/** Unpadded base64url, the encoding of every signed token's parts (callback and input URLs). */
export function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * The bytes of unpadded base64url text, or null when it is not that: other characters, padding, a length of 4k+1
 * (which encodes no byte string, and makes `atob` throw), or a spelling other than the one canonical one (a changed
 * last character can decode to the same bytes, so one token would have several spellings).
 */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) return null
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '='))
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
  return toBase64Url(bytes) === text ? bytes : null
}
