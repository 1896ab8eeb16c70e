import { useEffect, useState } from 'preact/hooks'
import type { ApiClient } from '../api/client'
import { createLimiter } from '../jobs/limiter'

/** Job images never change, so their bytes are kept for the session (the last 40). */
const cache = new Map<string, Promise<Blob>>()
const downloads = createLimiter(() => 3)

function blobFor(api: ApiClient, url: string): Promise<Blob> {
  const key = api.imageUrl(url)
  let blob = cache.get(key)
  if (!blob) {
    blob = downloads.acquire().then(async (release) => {
      try {
        const image = await api.fetchImage(url)
        return new Blob([image.bytes as BlobPart], { type: image.contentType || 'image/png' })
      } finally {
        release()
      }
    })
    blob.catch(() => cache.delete(key))
    cache.set(key, blob)
    if (cache.size > 40) cache.delete(cache.keys().next().value!)
  }
  return blob
}

/** An object URL for a job image fetched with the token (an <img src> cannot send it), once `visible`. */
export function useThumbnail(api: ApiClient | null, url: string | null, visible: boolean): string | null | 'error' {
  const [src, setSrc] = useState<string | null | 'error'>(null)
  useEffect(() => {
    if (!api || !url || !visible) return
    let objectUrl: string | null = null
    let alive = true
    blobFor(api, url)
      .then((blob) => {
        if (!alive) return
        objectUrl = URL.createObjectURL(blob)
        setSrc(objectUrl)
      })
      .catch(() => alive && setSrc('error'))
    return () => {
      alive = false
      if (objectUrl) URL.revokeObjectURL(objectUrl)
    }
  }, [api, url, visible])
  return src
}
