import { imageInfo } from '../../shared/image/image-info'
import type { StoredImage } from './job-row'

/** A result image could not be copied. `permanent` when retrying later cannot help (gone, or not an image). */
export class ImageCopyError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message)
    this.name = 'ImageCopyError'
  }
}

const ATTEMPTS = 3
const BACKOFF_MS = 300
const TIMEOUT_MS = 20_000
/** Downloads in flight at once: bounds memory (each image is held whole to read its header) and time. */
const PARALLEL = 3

/** R2 key of a job's stored result image. */
export const imageKey = (jobId: string, index: number) => `jobs/${jobId}/${index}`

/**
 * Copies the provider's (short-lived) result images into R2 at `jobs/{id}/{index}`, renumbered 0..k-1, retrying
 * each failed download with backoff. Size and content type come from the stored bytes, never from the request.
 */
export async function storeImagesAsync(bucket: R2Bucket, jobId: string, urls: string[]): Promise<StoredImage[]> {
  const stored: StoredImage[] = new Array(urls.length)
  let next = 0
  const worker = async () => {
    while (next < urls.length) {
      const index = next++
      stored[index] = await copyOneAsync(bucket, jobId, index, urls[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, urls.length) }, worker))
  return stored
}

async function copyOneAsync(bucket: R2Bucket, jobId: string, index: number, url: string): Promise<StoredImage> {
  const bytes = await downloadAsync(url)
  const info = imageInfo(bytes)
  if (!info) throw new ImageCopyError(`Result image ${index} is not a PNG, JPEG, GIF or WebP file.`, true)
  await bucket.put(imageKey(jobId, index), bytes, { httpMetadata: { contentType: info.content_type } })
  return { index, width: info.width, height: info.height, content_type: info.content_type }
}

async function downloadAsync(url: string): Promise<Uint8Array> {
  let last = ''
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, BACKOFF_MS * 2 ** (attempt - 1)))
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) })
      if (response.ok) return new Uint8Array(await response.arrayBuffer())
      await response.body?.cancel()
      // Gone for good: Kling purges result URLs; retrying will not bring them back.
      if (response.status === 403 || response.status === 404 || response.status === 410) {
        throw new ImageCopyError(`A result image is no longer available upstream (HTTP ${response.status}).`, true)
      }
      last = `HTTP ${response.status}`
    } catch (error) {
      if (error instanceof ImageCopyError) throw error
      last = error instanceof Error ? error.message : 'download failed'
    }
  }
  throw new ImageCopyError(`A result image could not be downloaded (${last}).`, false)
}
