/**
 * Whether downloaded result bytes are a whole image of the size the job announced, checked from the bytes
 * (signature, structure, end marker) without decoding pixels. The backend stores only whole images, so a failure
 * here means the bytes were damaged on the way (a proxy, a cut connection): such an image is never placed.
 */
import { imageInfo } from '../../shared/image/image-info'
import { imageIntegrityIssue, imageTailIsWhole } from '../../shared/image/image-integrity'

export interface ExpectedImage {
  width: number
  height: number
}

/** What is wrong with the bytes in plain words ("is not an image (text/plain, 14 bytes)"), or null. Pure. */
export function downloadedImageIssue(bytes: Uint8Array, contentType: string, expected?: ExpectedImage): string | null {
  const info = imageInfo(bytes)
  if (!info) {
    const type = contentType.split(';')[0].trim() || 'no type'
    return bytes.length === 0 ? 'is empty' : `is not an image (${type}, ${byteText(bytes.length)})`
  }
  if (info.format === 'png' || info.format === 'jpeg') {
    const issue = imageIntegrityIssue(bytes, info.format)
    if (issue) return issue
  } else if (!imageTailIsWhole(bytes.subarray(Math.max(0, bytes.length - 16)), info.format)) {
    return `its ${info.format.toUpperCase()} data is cut off`
  }
  if (expected && (expected.width !== info.width || expected.height !== info.height)) {
    return `is ${info.width}x${info.height} where the job announced ${expected.width}x${expected.height}`
  }
  return null
}

function byteText(n: number): string {
  return n < 1024 ? `${n} bytes` : `${(n / 1024).toFixed(1)} KB`
}
