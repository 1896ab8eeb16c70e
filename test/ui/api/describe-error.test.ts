import { describe, expect, test } from 'vitest'
import { RemoteError } from '../../../shared/protocol/channel'
import { ApiError } from '../../../ui/api/api-error'
import { describeError, describeFailure, toFailure } from '../../../ui/api/describe-error'

describe('describeFailure', () => {
  test.each([
    ['content_rejected', /content policy refused/],
    ['insufficient_credits', /image budget/],
    ['rate_limited', /Too many requests/],
    ['upstream_unavailable', /busy or unavailable/],
    ['unauthorized', /access token/],
    ['network_error', /Can't reach the backend/],
    ['timeout', /took too long/],
    ['placement_failed', /couldn't be placed in Figma/],
  ])('%s reads as a friendly sentence', (code, sentence) => {
    const text = describeFailure({ code, message: 'The server said this.' })
    expect(text.title).toMatch(sentence)
    expect(text.detail).toBe('The server said this.')
  })

  test("keeps the server's message next to the sentence, once", () => {
    expect(describeFailure({ code: 'content_rejected', message: '' }).detail).toBeNull()
    const sentence = describeFailure({ code: 'timeout', message: 'x' }).title
    expect(describeFailure({ code: 'timeout', message: sentence }).detail).toBeNull()
  })

  test('says when to retry after a 429 with Retry-After', () => {
    expect(describeFailure({ code: 'rate_limited', message: '', retryAfter: 12 }).title).toBe(
      'Too many requests at once. Retry in 12 s.',
    )
  })

  test('lists the fields of an invalid request', () => {
    const text = describeFailure({
      code: 'invalid_request',
      message: 'Invalid body',
      details: [{ path: 'n', message: 'must be at most 9' }],
    })
    expect(text.title).toContain('n: must be at most 9')
  })

  test('an unknown code with an HTTP status names the status', () => {
    expect(describeFailure({ code: 'teapot', message: 'short and stout', status: 418 }).title).toBe(
      'The backend answered HTTP 418.',
    )
  })
})

describe('toFailure', () => {
  test('keeps what an ApiError knows', () => {
    const error = new ApiError(429, 'rate_limited', 'Slow down', [], 30)
    expect(toFailure(error)).toEqual({ code: 'rate_limited', message: 'Slow down', status: 429, retryAfter: 30, details: [] })
  })

  test('a main-thread failure takes the fallback code', () => {
    expect(toFailure(new RemoteError('handler_failed', 'Image is too large'), 'placement_failed')).toEqual({
      code: 'placement_failed',
      message: 'Image is too large',
    })
    expect(describeError(new Error('boom'), 'image_failed').title).toMatch(/downloaded or converted/)
  })
})
