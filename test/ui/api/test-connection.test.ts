import { expect, test } from 'vitest'
import { ApiError } from '../../../ui/api/api-error'
import { testConnection, urlIssue, type ConnectionApi } from '../../../ui/api/test-connection'
import { makeCaps } from '../fixtures'

const URL_ = 'https://kf.example.dev'
const healthy = { ok: true, provider: 'kling', version: '1.2.3' }

function api(health: () => Promise<unknown>, capabilities: () => Promise<unknown>): ConnectionApi {
  return { health, capabilities } as ConnectionApi
}
const reject = (error: unknown) => () => Promise.reject(error)

test('both calls answer: connected, with capabilities', async () => {
  const report = await testConnection(api(async () => healthy, async () => makeCaps()), URL_, 'tok')
  expect(report).toMatchObject({ ok: true, caps: { budget: { remaining_today: 190 } }, health: { version: '1.2.3' } })
})

test.each([
  ['unreachable', reject(new ApiError(0, 'network_error', 'Failed to fetch')), /Can't reach https:\/\/kf.example.dev/],
  ['not our server', reject(new ApiError(404, 'not_found', 'Not Found')), /not a Kling Frames backend/],
  ['misconfigured', async () => ({ ...healthy, ok: false, reason: 'PROVIDER=foo' }), /not configured correctly/],
])('health fails: %s', async (_, health, title) => {
  const report = await testConnection(api(health, async () => makeCaps()), URL_, 'tok')
  expect(report.ok).toBe(false)
  expect(!report.ok && report.title).toMatch(title)
})

test.each([
  ['401', new ApiError(401, 'unauthorized', 'Unknown client token.'), /refused the access token \(401\)/],
  ['CORS on the authorised request', new ApiError(0, 'network_error', 'Failed to fetch'), /request with your token was blocked/],
  ['budget', new ApiError(402, 'insufficient_credits', 'Out'), /image budget/],
])('capabilities fails: %s', async (_, error, title) => {
  const report = await testConnection(api(async () => healthy, reject(error)), URL_, 'tok')
  expect(!report.ok && report.title).toMatch(title)
})

test('no token: says what to do next without calling capabilities', async () => {
  const report = await testConnection(api(async () => healthy, reject(new Error('not called'))), URL_, ' ')
  expect(report).toEqual({ ok: false, title: 'The backend is reachable. Now enter your access token.', detail: null })
})

test.each([
  ['', 'Enter the backend URL.'],
  ['kf.example.dev', "That isn't a URL. It looks like https://kling-frames.example.workers.dev."],
  ['ftp://kf.example.dev', 'The URL must start with https:// or http://.'],
  ['http://localhost:8787', null],
])('urlIssue(%j)', (url, issue) => expect(urlIssue(url)).toBe(issue))
