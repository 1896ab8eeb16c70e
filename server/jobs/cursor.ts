/** Keyset position of `GET /v1/jobs`, opaque to clients: base64url of `[created_at, id]`. */
export interface Cursor {
  created_at: number
  id: string
}

export function encodeCursor(cursor: Cursor): string {
  return btoa(JSON.stringify([cursor.created_at, cursor.id])).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The position, or null when the text is not a cursor we made. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const json: unknown = JSON.parse(atob(text.replace(/-/g, '+').replace(/_/g, '/')))
    if (Array.isArray(json) && json.length === 2 && Number.isSafeInteger(json[0]) && typeof json[1] === 'string') {
      return { created_at: json[0], id: json[1] }
    }
  } catch {
    // Falls through: not base64 or not JSON.
  }
  return null
}
