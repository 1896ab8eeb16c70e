import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../ui/api/api-error'
import { describeConnectionError, refusedOrigin } from '../../../ui/api/network-access'

const DOMAINS = ['https://kf.alice.workers.dev', 'http://localhost:8787']

describe('a connection Figma refuses', () => {
  it('is told apart from a server that is down: the origin is not declared in the manifest', () => {
    const error = new ApiError(0, 'network_error', 'Failed to fetch')
    const text = describeConnectionError(error, 'https://other.example.com', DOMAINS)
    expect(text.code).toBe('origin_not_allowed')
    expect(text.title).toMatch(/networkAccess/)
    expect(text.detail).toMatch(/manifest's networkAccess/)
    expect(text.title + text.detail).not.toMatch(/CORS/)
  })

  it('stays a plain network error for a declared origin', () => {
    const error = new ApiError(0, 'network_error', 'Failed to fetch')
    expect(describeConnectionError(error, 'https://kf.alice.workers.dev', DOMAINS).code).toBe('network_error')
  })

  it('only judges requests that got no answer', () => {
    const error = new ApiError(401, 'unauthorized', 'bad token')
    expect(describeConnectionError(error, 'https://other.example.com', DOMAINS).code).toBe('unauthorized')
  })

  it('refusedOrigin is null for declared origins and outside a build', () => {
    expect(refusedOrigin('http://localhost:8787/v1', DOMAINS)).toBeNull()
    expect(refusedOrigin('https://other.example.com', null)).toBeNull()
    expect(refusedOrigin('https://other.example.com', DOMAINS)).toMatch(/KLING_FRAMES_BACKEND_URL=https:\/\/other\.example\.com/)
  })
})
