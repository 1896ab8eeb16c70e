import { decodeImage } from './image-codecs'
import { invalidParam } from './kling-error'
import type { Raster } from './raster'
import { readImageSize, sniffImageFormat, type ImageFormat } from './read-image-size'

/** Input limits, kling-upstream.md §6 (kept here rather than imported: the simulator is Kling, not our server). */
export const IMAGE_LIMITS = { maxBytes: 10 * 1024 * 1024, minSide: 300, minAspect: 0.4, maxAspect: 2.5 } as const

/** How long the simulator waits for an image URL: fal documents 20 s for the same model. */
const FETCH_TIMEOUT_MS = 20_000
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

export interface InputImage {
  format: ImageFormat
  width: number
  height: number
  byteLength: number
  /** Decoded pixels (PNG and JPEG alike). */
  raster: Raster
}

/**
 * Validates an `image` field the way Kling does: raw base64 (a `data:` prefix is rejected) or a URL, then PNG/JPEG
 * by magic bytes, ≤10 MB decoded, both sides ≥300 px, aspect ratio within 1:2.5..2.5:1. Every violation is 400/1201.
 * URLs are fetched only when they point at 127.0.0.1/localhost: the simulator runs offline.
 */
export async function parseImageInputAsync(field: string, value: string): Promise<InputImage> {
  const bytes = /^https?:\/\//i.test(value) ? await fetchLocalImageAsync(field, value) : decodeBase64(field, value)
  if (bytes.length > IMAGE_LIMITS.maxBytes) {
    throw invalidParam(`${field} exceeds 10MB (${bytes.length} bytes)`)
  }
  const format = sniffImageFormat(bytes)
  if (!format) throw invalidParam(`${field} format is not supported: only jpg, jpeg and png are accepted`)
  const size = readImageSize(bytes, format)
  if (!size) throw invalidParam(`${field} could not be decoded as ${format}`)
  const { width, height } = size
  if (width < IMAGE_LIMITS.minSide || height < IMAGE_LIMITS.minSide) {
    throw invalidParam(`${field} is too small: ${width}x${height}, width and height must each be at least 300px`)
  }
  const aspect = width / height
  if (aspect < IMAGE_LIMITS.minAspect || aspect > IMAGE_LIMITS.maxAspect) {
    throw invalidParam(`${field} aspect ratio ${aspect.toFixed(3)} is out of range: must be between 1:2.5 and 2.5:1`)
  }
  let raster: Raster
  try {
    raster = decodeImage(bytes, format)
  } catch (error) {
    throw invalidParam(`${field} could not be decoded as ${format}: ${(error as Error).message}`)
  }
  if (raster.width !== width || raster.height !== height) {
    throw invalidParam(`${field} could not be decoded as ${format}: its header says ${width}x${height}, its pixels ${raster.width}x${raster.height}`)
  }
  return { format, width, height, byteLength: bytes.length, raster }
}

function decodeBase64(field: string, value: string): Buffer {
  if (/^data:/i.test(value)) {
    throw invalidParam(`${field} must be raw base64 without a data: prefix (e.g. iVBORw0KGgo..., not data:image/png;base64,...)`)
  }
  // Strict alphabet: Node's decoder would silently skip stray characters, Kling's would not.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 === 1) {
    throw invalidParam(`${field} is neither a URL nor valid base64`)
  }
  return Buffer.from(value, 'base64')
}

async function fetchLocalImageAsync(field: string, value: string): Promise<Buffer> {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw invalidParam(`${field} is not a valid URL`)
  }
  if (!LOCAL_HOSTS.has(url.hostname)) {
    throw invalidParam(`${field} URL could not be downloaded (the simulator only fetches 127.0.0.1 URLs)`)
  }
  const deadline = AbortSignal.timeout(FETCH_TIMEOUT_MS)
  for (let attempt = 0; ; attempt++) {
    let response: Response
    try {
      response = await fetch(url, { signal: deadline })
    } catch (error) {
      // A pooled connection the server had just closed fails before any answer: a downloader tries such a GET again.
      if (attempt === 0 && !deadline.aborted) continue
      throw invalidParam(`${field} URL could not be downloaded: ${(error as Error).message}`)
    }
    if (!response.ok) throw invalidParam(`${field} URL could not be downloaded: HTTP ${response.status}`)
    try {
      return Buffer.from(await response.arrayBuffer())
    } catch (error) {
      throw invalidParam(`${field} URL could not be downloaded: ${(error as Error).message}`)
    }
  }
}
