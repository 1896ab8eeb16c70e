/**
 * The `GET /v1/changes` cursor, opaque to clients: the owner object's epoch (random, made when the object first
 * started, so a cursor of another owner or of a wiped object is unknown) and a position in its change sequence.
 */
export interface ChangeCursor {
  epoch: string
  seq: number
}

export function encodeChangeCursor(cursor: ChangeCursor): string {
  return btoa(`c1.${cursor.epoch}.${cursor.seq}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The position, or null when the text is not a cursor we made. */
export function decodeChangeCursor(text: string): ChangeCursor | null {
  let plain: string
  try {
    plain = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  } catch {
    return null
  }
  const match = /^c1\.([0-9a-f]{16})\.(\d{1,15})$/.exec(plain)
  return match ? { epoch: match[1], seq: Number(match[2]) } : null
}
