import { LIMITS } from '../../shared/api/limits'
import type { FieldIssue } from '../../shared/api/schemas'
import { imageFormat, imageInfo, type ImageInfo } from '../../shared/image/image-info'
import { imageIntegrityIssue } from '../../shared/image/image-integrity'

/** Enough base64 for any PNG header and most JPEG frame headers (which follow EXIF and ICC data). */
const HEAD_CHARS = 256 * 1024

/**
 * Checks an input image from its bytes, decoding only what it needs: the size follows from the base64 length, the
 * type and pixel size from the header, and last the file's structure (image-integrity.ts). Returns the raw base64 (no `data:` prefix, padded) that Kling wants, or one
 * `details` entry per broken rule, all on `path`.
 */
export function checkInputImage(path: string, value: string): { base64: string; info: ImageInfo } | { issues: FieldIssue[] } {
  const issue = (message: string) => ({ issues: [{ path, message }] })
  let base64 = value
  const dataUrl = /^data:([^,]*),/.exec(value)
  if (dataUrl) {
    if (!/;base64$/i.test(dataUrl[1])) return issue('a data: URL must be base64-encoded (data:image/png;base64,...)')
    base64 = value.slice(dataUrl[0].length)
  }
  base64 = base64.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 === 1 || base64.length === 0) {
    return issue('must be base64 PNG or JPEG data, raw or as a data: URL')
  }
  base64 = base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')

  const issues: FieldIssue[] = []
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0
  const bytes = (base64.length / 4) * 3 - padding
  if (bytes > LIMITS.image_max_bytes) {
    issues.push({ path, message: `is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most ${LIMITS.image_max_bytes / 1024 / 1024} MB is allowed` })
  }

  let head = decode(base64.slice(0, HEAD_CHARS))
  const format = imageFormat(head)
  if (format !== 'png' && format !== 'jpeg') {
    issues.push({ path, message: format ? `is a ${format.toUpperCase()} image; only PNG and JPEG are accepted` : 'is not a PNG or JPEG image' })
    return { issues }
  }
  let info = imageInfo(head)
  if (!info && base64.length > HEAD_CHARS) info = imageInfo((head = decode(base64)))
  if (!info) {
    issues.push({ path, message: 'its pixel size cannot be read; the file looks damaged or incomplete' })
    return { issues }
  }
  const { width, height } = info
  if (Math.min(width, height) < LIMITS.image_min_side) {
    issues.push({ path, message: `is ${width}x${height} px; both sides must be at least ${LIMITS.image_min_side} px` })
  }
  const aspect = width / height
  if (aspect < LIMITS.image_aspect_min || aspect > LIMITS.image_aspect_max) {
    issues.push({
      path,
      message: `has an aspect ratio (width/height) of ${aspect.toFixed(2)}; it must be between ${LIMITS.image_aspect_min} and ${LIMITS.image_aspect_max}`,
    })
  }
  if (issues.length) return { issues }
  // Last, as it reads every byte: a file whose header is fine but whose body is cut or damaged.
  const damage = imageIntegrityIssue(head.length === bytes ? head : decode(base64), format)
  return damage ? issue(damage) : { base64, info }
}

function decode(base64: string): Uint8Array {
  const binary = atob(base64.slice(0, base64.length - (base64.length % 4)))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}
