/** Object URLs for stored images, one per hash for the page's lifetime, typed from the bytes. */
import type { FigmaEmulator } from '../emulator'

export function createImageUrls(emulator: FigmaEmulator) {
  const urls = new Map<string, string>()
  return (hash: string): string | null => {
    const cached = urls.get(hash)
    if (cached) return cached
    const image = emulator.getImage(hash)
    if (!image) return null
    const b = image.bytes
    const type = b[0] === 0x89 ? 'image/png' : b[0] === 0xff ? 'image/jpeg' : b[0] === 0x47 ? 'image/gif' : 'application/octet-stream'
    const url = URL.createObjectURL(new Blob([b as BlobPart], { type }))
    urls.set(hash, url)
    return url
  }
}
