import { imageInfo, type ImageInfo } from '../../shared/image/image-info'
import { imageTailIsWhole } from '../../shared/image/image-integrity'
import { logEvent } from '../log'
import { BodyWatch } from './body-watch'
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
/** Bytes kept from the start to find an image's size: enough for PNG and most JPEGs; more is read back for a JPEG whose frame header follows large EXIF/ICC data. */
const HEAD_BYTES = 64 * 1024
/** Bytes kept from the end: an image's closing marker (PNG IEND, JPEG EOI, GIF trailer). */
const TAIL_BYTES = 16
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp']
const HEAD_MAX_BYTES = 1024 * 1024

/** R2 key of a job's stored result image. */
export const imageKey = (jobId: string, index: number) => `jobs/${jobId}/${index}`

/** One result image to copy: where the provider has it, and its index in the job (images of a split job follow on). */
export interface ImageSource {
  index: number
  url: string
}

/**
 * Copies the provider's (short-lived) result images into R2 at `jobs/{id}/{index}`, all at once, each streamed
 * from the upstream body into R2 (the size and type are read back from the first stored bytes), retrying a failed download
 * with backoff. Size and content type come from the bytes, never from the request.
 */
export async function storeImagesAsync(bucket: R2Bucket, jobId: string, sources: ImageSource[]): Promise<StoredImage[]> {
  return Promise.all(sources.map((source) => copyOneAsync(bucket, jobId, source)))
}

async function copyOneAsync(bucket: R2Bucket, jobId: string, { index, url }: ImageSource): Promise<StoredImage> {
  let last = ''
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, BACKOFF_MS * 2 ** (attempt - 1)))
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) })
      if (response.ok && response.body) return await streamToBucketAsync(bucket, imageKey(jobId, index), index, response)
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

/**
 * Streams the body into R2 (natively when the upstream says its length) while watching it pass: its first bytes give
 * the image's type and size and its last bytes whether it ended whole, so nothing is read back from R2 in the usual
 * case (each read-back is a round trip between the upstream's answer and the job's `succeeded`). What is not a
 * whole image is deleted again.
 */
async function streamToBucketAsync(bucket: R2Bucket, key: string, index: number, response: Response): Promise<StoredImage> {
  const answeredAt = Date.now()
  const length = Number(response.headers.get('Content-Length'))
  // A hint for R2 only: the image route serves the type read from the bytes, which the job keeps.
  const said = (response.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase()
  const httpMetadata = IMAGE_TYPES.includes(said) ? { contentType: said } : undefined
  const watch = new BodyWatch(HEAD_BYTES, TAIL_BYTES)
  if (Number.isSafeInteger(length) && length > 0) {
    // The fixed length lets R2 take the stream as it comes; a body that ends early fails the put.
    await bucket.put(key, response.body!.pipeThrough(watch.stream).pipeThrough(new FixedLengthStream(length)), { httpMetadata })
  } else {
    const bytes = new Uint8Array(await response.arrayBuffer())
    watch.see(bytes)
    await bucket.put(key, bytes, { httpMetadata })
  }
  const storedAt = Date.now()
  let info = imageInfo(watch.head())
  if (!info && watch.total > HEAD_BYTES) {
    // A JPEG whose frame header follows large EXIF/ICC data: read more of it back.
    const head = await bucket.get(key, { range: { offset: 0, length: HEAD_MAX_BYTES } })
    info = head ? imageInfo(new Uint8Array(await head.arrayBuffer())) : null
  }
  if (!info) {
    await bucket.delete(key)
    throw new ImageCopyError(`Result image ${index} is not a PNG, JPEG, GIF or WebP file.`, true)
  }
  // A body that ended early but "completely" (a proxy's truncated answer) must not become a result: check the end.
  if (!imageTailIsWhole(watch.tail(), info.format)) {
    await bucket.delete(key)
    throw new Error(`result image ${index} arrived cut short`)
  }
  // Where a copy's time goes (the latency benchmark reads these): upstream answer, body in R2, bytes checked.
  logEvent('info', 'image_copied', { key, answered_at: answeredAt, stored_at: storedAt, checked_at: Date.now() })
  return { index, width: info.width, height: info.height, content_type: info.content_type }
}
