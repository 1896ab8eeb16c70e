import { afterEach, describe, expect, it, vi } from 'vitest'
import { ImageCopyError, storeImagesAsync } from '../../server/jobs/store-images'
import { env, jpegBytes, pngBase64Async } from './helpers'

// The copy of result images into R2, with the upstream's answers made here (truncated, cut, odd JPEGs) rather than by
// the simulator: each case needs one exact body. The bucket is the real one of the Worker under test.

afterEach(() => vi.restoreAllMocks())

/** Answers requests to the fake CDN with `answer()`; anything else (other objects' work) goes out as usual. */
function cdn(answer: () => Response): { calls: () => number } {
  const real = globalThis.fetch
  let calls = 0
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (!url.startsWith('https://cdn.example/')) return real(input, init)
    calls++
    return answer()
  })
  return { calls: () => calls }
}

const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))

/** A body sent in small chunks of odd sizes, so the image's start and end cross chunk boundaries. */
function chunked(bytes: Uint8Array, announce = bytes.length): Response {
  let at = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) return controller.close()
      const size = [4093, 7, 1, 16384][at % 4]
      controller.enqueue(bytes.slice(at, at + size))
      at += size
    },
  })
  return new Response(stream, { headers: { 'Content-Type': 'image/png', 'Content-Length': String(announce) } })
}

/** The bucket, counting the reads a copy makes. */
function countingBucket(): { bucket: R2Bucket; reads: () => number } {
  let reads = 0
  const bucket = new Proxy(env.IMAGES, {
    get(target, name) {
      const value = Reflect.get(target, name)
      if (name === 'get') return (...args: Parameters<R2Bucket['get']>) => (reads++, target.get(...args))
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { bucket, reads: () => reads }
}

/** A JPEG whose frame header follows `metadata` bytes of APP1 segments (large EXIF/ICC data, as cameras write). */
function jpegWithMetadata(width: number, height: number, metadata: number): Uint8Array {
  const plain = jpegBytes(width, height)
  const segments: number[] = []
  for (let left = metadata; left > 0; ) {
    const size = Math.min(left, 60_000)
    segments.push(0xff, 0xe1, (size + 2) >> 8, (size + 2) & 0xff, ...new Array<number>(size).fill(0x20))
    left -= size
  }
  const out = new Uint8Array(plain.length + segments.length)
  out.set(plain.subarray(0, 20))
  out.set(segments, 20)
  out.set(plain.subarray(20), 20 + segments.length)
  return out
}

describe('storeImagesAsync: result images into R2', () => {
  it('streams a PNG in, reads its size on the way and reads nothing back', async () => {
    const png = bytesOf(await pngBase64Async(900, 600))
    cdn(() => chunked(png))
    const { bucket, reads } = countingBucket()
    const stored = await storeImagesAsync(bucket, 'job_store_a', [{ index: 2, url: 'https://cdn.example/a.png' }])
    expect(stored).toEqual([{ index: 2, width: 900, height: 600, content_type: 'image/png' }])
    expect(reads()).toBe(0)
    const object = await env.IMAGES.get('jobs/job_store_a/2')
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(png)
  })

  it('refuses a body that ended early but "completely", retries, and keeps nothing', async () => {
    const png = bytesOf(await pngBase64Async(900, 600))
    const half = png.slice(0, Math.floor(png.length / 2))
    const fetched = cdn(() => chunked(half))
    const copy = storeImagesAsync(env.IMAGES, 'job_store_b', [{ index: 0, url: 'https://cdn.example/b.png' }])
    await expect(copy).rejects.toThrow(ImageCopyError)
    await expect(copy).rejects.toMatchObject({ permanent: false, message: expect.stringMatching(/cut short/) })
    expect(fetched.calls()).toBe(3)
    expect(await env.IMAGES.head('jobs/job_store_b/0')).toBeNull()
  })

  it('fails the copy when the body is shorter than its Content-Length', async () => {
    const png = bytesOf(await pngBase64Async(900, 600))
    cdn(() => chunked(png.slice(0, 5000), png.length))
    await expect(storeImagesAsync(env.IMAGES, 'job_store_c', [{ index: 0, url: 'https://cdn.example/c.png' }])).rejects.toMatchObject({ permanent: false })
    expect(await env.IMAGES.head('jobs/job_store_c/0')).toBeNull()
  })

  it('refuses what is not an image, for good, and deletes it', async () => {
    const html = new TextEncoder().encode('<html>'.padEnd(70_000, ' ') + '</html>')
    cdn(() => chunked(html))
    await expect(storeImagesAsync(env.IMAGES, 'job_store_d', [{ index: 0, url: 'https://cdn.example/d.png' }])).rejects.toMatchObject({
      permanent: true,
      message: 'Result image 0 is not a PNG, JPEG, GIF or WebP file.',
    })
    expect(await env.IMAGES.head('jobs/job_store_d/0')).toBeNull()
  })

  it('finds the size of a JPEG whose frame header follows 120 KB of metadata by reading more of it back', async () => {
    const jpeg = jpegWithMetadata(1360, 768, 120_000)
    cdn(() => chunked(jpeg))
    const { bucket, reads } = countingBucket()
    const stored = await storeImagesAsync(bucket, 'job_store_e', [{ index: 0, url: 'https://cdn.example/e.jpg' }])
    expect(stored).toEqual([{ index: 0, width: 1360, height: 768, content_type: 'image/jpeg' }])
    expect(reads()).toBe(1)
  })

  it('takes a body without Content-Length whole', async () => {
    const png = bytesOf(await pngBase64Async(400, 300))
    cdn(() => new Response(new Blob([png]).stream()))
    const stored = await storeImagesAsync(env.IMAGES, 'job_store_f', [{ index: 0, url: 'https://cdn.example/f.png' }])
    expect(stored).toEqual([{ index: 0, width: 400, height: 300, content_type: 'image/png' }])
  })
})
