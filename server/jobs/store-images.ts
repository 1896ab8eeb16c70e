import { imageInfo, type ImageInfo } from '../../shared/image/image-info'
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
/** Bytes we may hold to find an image's size before giving up on it (JPEG frame headers follow EXIF/ICC data). */
const HEAD_MAX_BYTES = 512 * 1024

/** R2 key of a job's stored result image. */
export const imageKey = (jobId: string, index: number) => `jobs/${jobId}/${index}`

/** One result image to copy: where the provider has it, and its index in the job (images of a split job follow on). */
export interface ImageSource {
  index: number
  url: string
}

/**
 * Copies the provider's (short-lived) result images into R2 at `jobs/{id}/{index}`, all at once, each streamed
 * from the upstream body into R2 (only the first bytes are held, to read the size), retrying a failed download
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

/** Reads just enough of the body to know the image, then streams the rest into R2 behind those first bytes. */
async function streamToBucketAsync(bucket: R2Bucket, key: string, index: number, response: Response): Promise<StoredImage> {
  const reader = response.body!.getReader()
  const chunks: Uint8Array[] = []
  let held = 0
  let done = false
  let info: ImageInfo | null = null
  while (!info && !done && held < HEAD_MAX_BYTES) {
    const read = await reader.read()
    if (read.done) done = true
    else {
      chunks.push(read.value)
      held += read.value.length
      info = imageInfo(concat(chunks, held))
    }
  }
  if (!info) {
    await reader.cancel()
    throw new ImageCopyError(`Result image ${index} is not a PNG, JPEG, GIF or WebP file.`, true)
  }
  const head = concat(chunks, held)
  const httpMetadata = { contentType: info.content_type }
  const length = Number(response.headers.get('Content-Length'))
  if (done || !Number.isSafeInteger(length) || length < held) {
    // Whole already, or no length to promise R2: the rest is buffered (rare; Kling's CDN sends a length).
    const rest = done ? [] : await readAllAsync(reader)
    await bucket.put(key, concat([head, ...rest], held + rest.reduce((n, c) => n + c.length, 0)), { httpMetadata })
  } else {
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(head),
      pull: async (controller) => {
        const read = await reader.read()
        if (read.done) controller.close()
        else controller.enqueue(read.value)
      },
      cancel: (reason) => reader.cancel(reason),
    })
    const fixed = new FixedLengthStream(length)
    const piping = body.pipeTo(fixed.writable)
    await Promise.all([bucket.put(key, fixed.readable, { httpMetadata }), piping])
  }
  return { index, width: info.width, height: info.height, content_type: info.content_type }
}

async function readAllAsync(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = []
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value)
  return chunks
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]
  const out = new Uint8Array(length)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}
