import { expect, test } from 'vitest'
import { downloadedImageIssue } from '../../../ui/images/downloaded-image-issue'
import { pngStub } from '../fixtures'

test('a whole image of the announced size passes', () => {
  expect(downloadedImageIssue(pngStub(1024, 768), 'image/png', { width: 1024, height: 768 })).toBeNull()
})

test('what is wrong is said in plain words', () => {
  const whole = pngStub(1024, 768)
  expect(downloadedImageIssue(new Uint8Array(), 'image/png')).toBe('is empty')
  expect(downloadedImageIssue(new TextEncoder().encode('{"error":"x"}'), 'application/json; charset=utf-8')).toBe(
    'is not an image (application/json, 13 bytes)',
  )
  expect(downloadedImageIssue(whole.subarray(0, whole.length - 12), 'image/png')).toBe('its PNG data is cut off (no IEND chunk)')
  expect(downloadedImageIssue(whole, 'image/png', { width: 1360, height: 768 })).toBe('is 1024x768 where the job announced 1360x768')
  const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 10, 0, 10, 0, 0, 0, 0])
  expect(downloadedImageIssue(gif, 'image/gif')).toBe('its GIF data is cut off')
})
