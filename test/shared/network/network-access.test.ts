import { describe, expect, it } from 'vitest'
import {
  checkBackendOrigin,
  contentSecurityPolicy,
  networkAccessFor,
  parseUrl,
  reachableDomains,
  refusedOriginMessage,
  urlAllowed,
} from '../../../shared/network/network-access'

describe('checkBackendOrigin', () => {
  it.each([
    ['https://kf.alice.workers.dev', 'https://kf.alice.workers.dev', false],
    ['https://kf.alice.workers.dev/', 'https://kf.alice.workers.dev', false],
    ['https://api.example.com:8443', 'https://api.example.com:8443', false],
    ['https://API.Example.com:443', 'https://api.example.com', false],
    ['http://localhost:8787', 'http://localhost:8787', true],
  ])('accepts %s as %s', (input, origin, local) => {
    expect(checkBackendOrigin(input)).toEqual({ ok: true, origin, local })
  })

  it.each([
    ['', /not a URL/],
    ['kf.alice.workers.dev', /not a URL/],
    ['ftp://kf.example.com', /https:\/\//],
    ['http://kf.example.com', /plain http/],
    ['https://kling-frames.workers.dev', /<worker>\.<account>\.workers\.dev/],
    ['http://127.0.0.1:8787', /IP literals/],
    ['http://[::1]:8787', /IP literals/],
    ['https://kf.example.com/api', /only scheme, host and port/],
    ['https://kf.example.com/?x=1', /only scheme, host and port/],
    ['https://user:pw@kf.example.com', /only scheme, host and port/],
  ])('refuses %j, saying why', (input, reason) => {
    const check = checkBackendOrigin(input)
    expect(check.ok).toBe(false)
    if (!check.ok) expect(check.reason).toMatch(reason)
  })
})

describe('networkAccessFor', () => {
  const template = { allowedDomains: ['none'], devAllowedDomains: ['http://localhost:8787'], reasoning: 'Our backend' }
  it('declares a deployed origin as the one allowed domain and keeps the development ones', () => {
    expect(networkAccessFor('https://kf.alice.workers.dev', false, template)).toEqual({
      allowedDomains: ['https://kf.alice.workers.dev'],
      devAllowedDomains: ['http://localhost:8787'],
      reasoning: 'Our backend',
    })
  })
  it('keeps localhost to the development domains, once', () => {
    expect(networkAccessFor('http://localhost:8787', true, template).devAllowedDomains).toEqual(['http://localhost:8787'])
    expect(networkAccessFor('http://localhost:9000', true, template)).toMatchObject({
      allowedDomains: ['none'],
      devAllowedDomains: ['http://localhost:8787', 'http://localhost:9000'],
    })
    expect(reachableDomains(networkAccessFor('http://localhost:9000', true, template))).toEqual(['http://localhost:8787', 'http://localhost:9000'])
  })
})

describe('urlAllowed', () => {
  it.each([
    ['https://kf.alice.workers.dev/v1/jobs', ['https://kf.alice.workers.dev'], true],
    ['https://kf.alice.workers.dev:443/v1', ['https://kf.alice.workers.dev'], true],
    ['http://kf.alice.workers.dev/v1', ['https://kf.alice.workers.dev'], false],
    ['https://evil.workers.dev/v1', ['https://kf.alice.workers.dev'], false],
    ['https://kf.alice.workers.dev.evil.com/', ['https://kf.alice.workers.dev'], false],
    ['https://a.example.com/x', ['*.example.com'], true],
    ['https://example.com/x', ['*.example.com'], false],
    ['https://example.com/api/jobs', ['example.com/api/'], true],
    ['https://example.com/other', ['example.com/api/'], false],
    ['http://localhost:8787/v1/health', ['http://localhost:8787'], true],
    ['http://localhost:8788/v1/health', ['http://localhost:8787'], false],
    ['http://127.0.0.1:8787/v1/health', ['http://localhost:8787'], false],
    ['https://kf.example.com', ['none'], false],
    ['not a url', ['https://kf.example.com'], false],
  ])('%s under %j → %s', (url, patterns, allowed) => {
    expect(urlAllowed(url, patterns)).toBe(allowed)
  })
})

describe('parseUrl (no URL class: the main-thread sandbox lacks it)', () => {
  it('splits a URL into origin and path', () => {
    expect(parseUrl('HTTPS://Kf.Example.com:443/v1/jobs?x#y')).toEqual({
      protocol: 'https:',
      hostname: 'kf.example.com',
      port: '',
      pathname: '/v1/jobs',
      extra: true,
      origin: 'https://kf.example.com',
    })
    expect(parseUrl('http://localhost:8787')?.origin).toBe('http://localhost:8787')
    expect(parseUrl('localhost:8787/x')).toBeNull()
  })
})

describe('contentSecurityPolicy and the refusal message', () => {
  it('lets requests go only to the declared domains', () => {
    expect(contentSecurityPolicy(['https://kf.example.com', 'http://localhost:8787'])).toContain(
      'connect-src https://kf.example.com http://localhost:8787',
    )
    expect(contentSecurityPolicy([])).toContain("connect-src 'none'")
  })
  it('names networkAccess, the manifest and the rebuild that fixes it', () => {
    const message = refusedOriginMessage('https://other.example.com/v1/health', ['https://kf.example.com'])
    expect(message).toContain('https://other.example.com:')
    expect(message).toMatch(/manifest's networkAccess \(this build allows https:\/\/kf\.example\.com\)/)
    expect(message).toContain('KLING_FRAMES_BACKEND_URL=https://other.example.com npm run build')
  })
})
