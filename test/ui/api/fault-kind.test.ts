import { expect, test } from 'vitest'
import { ApiError } from '../../../ui/api/api-error'
import { faultKind } from '../../../ui/api/fault-kind'

test.each([
  [new ApiError(0, 'network_error', 'Failed to fetch'), 'offline'],
  [new ApiError(502, 'html_response', 'A web page answered instead of the backend (HTTP 502).'), 'offline'],
  [new ApiError(200, 'html_response', 'A web page answered instead of the backend (HTTP 200: "Hotel Wi-Fi").'), 'offline'],
  [new ApiError(401, 'unauthorized', 'Missing or unknown client token.'), 'auth'],
  [new ApiError(429, 'rate_limited', 'Too many requests.', [], 3), 'busy'],
  [new ApiError(502, 'upstream_error', 'upstream connect error'), 'busy'],
  [new ApiError(503, 'upstream_unavailable', 'Kling is busy.'), 'busy'],
  [new ApiError(504, 'internal_error', 'Gateway Timeout'), 'busy'],
  [new ApiError(200, 'bad_response', 'not understood'), 'malformed'],
  [new ApiError(200, 'broken_image', 'Image 1 of 2 is not an image.'), 'malformed'],
  [new ApiError(400, 'invalid_request', 'prompt: Required'), 'fatal'],
  [new ApiError(402, 'insufficient_credits', 'Budget used.'), 'fatal'],
  [new ApiError(404, 'not_found', 'No job with this id.'), 'fatal'],
  [new ApiError(500, 'internal_error', 'A bug.'), 'fatal'],
  [new Error('Figma refused the image'), 'fatal'],
])('%s → %s', (error, kind) => {
  expect(faultKind(error)).toBe(kind)
})
