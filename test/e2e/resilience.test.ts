/**
 * Issue 9, suite 6: the plugin side under faults, in Chromium through the playground with the real Worker and the
 * Kling simulator. Faults are injected where the panel meets the network, as a designer's laptop meets them:
 * `context.setOffline` (Wi-Fi gone), and `page.route` standing in for what sits between the panel and the Worker
 * (a proxy's HTML error page, a cut or wrong body, a token the backend no longer accepts). No panel module is
 * mocked: what the user sees is asserted in the panel and on the canvas.
 */
import { join } from 'node:path'
import type { Route } from 'playwright-core'
import { expect, test } from 'vitest'
import { E2E } from './support/env'
import { imageFill, type Session } from './support/session'
import { browserSuite, SCREENSHOT_DIR } from './support/suite'
import { stillFalseFor, waitFor } from './support/wait'

const suite = browserSuite()

/** A job row that knows its backend id. */
const SUBMITTED = '[data-testid="job-row"][data-job-id]'
/** The CORS header every answer to the null-origin panel needs (a fault page without it looks like no answer). */
const CORS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'Retry-After' }

/** Starts a Generate (one image into a new frame) and returns the backend job id once the panel knows it. */
async function generate(s: Session, prompt: string): Promise<string> {
  await s.ui.getByLabel('Prompt', { exact: true }).fill(prompt)
  await s.press('Generate')
  await s.tab('Jobs')
  const row = s.ui.locator(SUBMITTED).first()
  await row.waitFor()
  return (await row.getAttribute('data-job-id'))!
}

/**
 * Kling holds every task until the test ends it (`finish`), so a fault always meets the job in flight however
 * slow the machine is.
 */
const HELD_MS = 120_000

/** Ends the one upstream task now, as Kling would finish it. */
async function finishTask(): Promise<void> {
  const task = await waitFor(async () => (await suite.sim.tasks())[0], { what: 'the upstream task' })
  await suite.sim.finish(task.task_id)
}

/** Frames on the canvas that show an image. */
async function imageFrames(s: Session) {
  return (await s.snapshot()).filter((n) => n.type === 'FRAME' && imageFill(n))
}

/** The plugin window alone, at the panel's width, for a look at the state it shows. */
async function shoot(s: Session, name: string): Promise<void> {
  await s.page.getByTestId('plugin-window').screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })
}

/** Page errors and unhandled rejections in the playground or the panel: a crash, whatever the UI shows. */
function crashes(s: Session): string[] {
  return s.log.filter((line) => line.startsWith('[pageerror]') || /unhandled|uncaught/i.test(line))
}

test.each(['light', 'dark'] as const)('network loss in the middle of a job (%s): "Connection lost, retrying…", never failed; back online, placed once', async (theme) => {
  await suite.sim.configure({ delayMs: HELD_MS })
  const s = await suite.open({ scenario: 'empty', theme })
  const jobId = await generate(s, 'A lighthouse in a storm')

  await s.context.setOffline(true)
  const row = s.ui.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`)
  const stall = row.getByTestId('job-stall')
  // Chromium's offline emulation lets the long-poll already in flight run out its 20 s window; the next one fails.
  await stall.filter({ hasText: 'Connection lost, retrying…' }).waitFor({ timeout: 40_000 })
  await s.ui.getByTestId('status-bar').filter({ hasText: 'Connection lost, retrying…' }).waitFor()
  await shoot(s, `resilience-offline-${theme}`)

  // The backend finishes the job while the panel is offline; the panel keeps it as it was, not failed.
  await finishTask()
  await waitFor(async () => (await suite.backend.getJob(jobId)).status === 'succeeded', { what: 'the backend to finish the job', timeout: 30_000 })
  // Longer than a short blip: the old panel gave up after six failed polls in a row.
  await stillFalseFor(async () => (await row.getAttribute('data-state')) === 'failed', 12_000, 'the job marked failed while offline')
  expect(await row.getAttribute('data-state')).toMatch(/^(queued|running)$/)
  expect(await imageFrames(s)).toHaveLength(0)

  await s.context.setOffline(false)
  // The network is back: the feed resumes at once (the "online" event cuts the backoff short).
  const back = Date.now()
  await s.ui.locator(`[data-testid="job-row"][data-job-id="${jobId}"][data-state="done"]`).waitFor({ timeout: 15_000 })
  const resumedAfterMs = Date.now() - back
  expect(resumedAfterMs, 'placed soon after the network came back').toBeLessThan(8_000)
  expect(await row.getByTestId('job-stall').count()).toBe(0)
  await s.ui.getByTestId('status-bar').filter({ hasText: /left today/ }).waitFor()
  const frames = await imageFrames(s)
  expect(frames).toHaveLength(1)
  expect(imageFill(frames[0])).toMatchObject({ imageWidth: 1024, imageHeight: 1024 })
  // Exactly once: nothing is placed a second time, and the job ran upstream once.
  await stillFalseFor(async () => (await imageFrames(s)).length > 1, 2_000, 'a second placement')
  expect(await suite.sim.tasks()).toHaveLength(1)
  expect(crashes(s)).toEqual([])
})

test('malformed answers (a proxy’s HTML page, non-JSON, the wrong JSON) are named and retried; the job still lands', async () => {
  await suite.sim.configure({ delayMs: HELD_MS })
  const s = await suite.open({ scenario: 'empty' })
  // What sits between the panel and the Worker breaks the change feed three ways, one after the other: each is
  // served until the panel has shown it (a fixed count could flash by unseen on a busy machine).
  const faults: Record<string, (route: Route) => Promise<void>> = {
    proxy: (route) =>
      route.fulfill({
        status: 502,
        headers: { ...CORS, 'Content-Type': 'text/html' },
        body: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
      }),
    cut: (route) => route.fulfill({ status: 200, headers: { ...CORS, 'Content-Type': 'application/json' }, body: '{"jobs": [' }),
    shape: (route) => route.fulfill({ status: 200, headers: { ...CORS, 'Content-Type': 'application/json' }, body: '{"jobs": "none", "cursor": 7}' }),
  }
  const served: string[] = []
  let fault: keyof typeof faults | null = null
  await s.page.route(/\/v1\/changes\?after=/, async (route) => {
    if (!fault) return route.continue()
    served.push(fault)
    await faults[fault](route)
  })
  const jobId = await generate(s, 'A glass teapot on a windowsill')
  const stall = s.ui.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`).getByTestId('job-stall')
  // Each is named in the job row while it is retried, and the job stays as it was.
  fault = 'proxy'
  await stall.filter({ hasText: 'A web page answered instead of the backend (HTTP 502: "502 Bad Gateway")' }).waitFor({ timeout: 30_000 })
  fault = 'cut'
  await stall.filter({ hasText: 'answer to /v1/changes was not understood (it is not JSON: "{"jobs": [")' }).waitFor({ timeout: 30_000 })
  fault = 'shape'
  await stall.filter({ hasText: /answer to \/v1\/changes was not understood \(jobs: / }).waitFor({ timeout: 30_000 })
  fault = null
  expect(await s.ui.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`).getAttribute('data-state')).toMatch(/^(queued|running)$/)
  await finishTask()

  await s.ui.locator(`[data-testid="job-row"][data-job-id="${jobId}"][data-state="done"]`).waitFor({ timeout: 30_000 })
  expect(new Set(served)).toEqual(new Set(['proxy', 'cut', 'shape']))
  expect(await imageFrames(s)).toHaveLength(1)
  expect(crashes(s)).toEqual([])
})

test('damaged image bytes are never placed: retried, then named by number; Retry places it once', async () => {
  await suite.sim.configure({ delayMs: 1_500 })
  const s = await suite.open({ scenario: 'placeholders' })
  await s.clickNode('Hero banner')
  await s.clickNode('Product card', true)
  await s.tab('Fill')
  await s.ui.locator('.actions-summary').filter({ hasText: '2 placeholders' }).waitFor()

  // Image bytes: first cut short (a whole PNG's head without its end), then an error page's text as the image.
  let broken = true
  const served: string[] = []
  await s.page.route(/\/v1\/jobs\/[^/]+\/images\/\d+$/, async (route) => {
    if (!broken) return route.continue()
    const response = await route.fetch()
    const bytes = await response.body()
    served.push(route.request().url())
    const odd = served.length % 2 === 1
    await route.fulfill({
      status: 200,
      headers: { ...CORS, 'Content-Type': odd ? 'image/png' : 'text/plain' },
      body: odd ? bytes.subarray(0, Math.floor(bytes.length / 2)) : Buffer.from('upstream request timeout'),
    })
  })
  await s.press('Fill placeholders')
  await s.tab('Jobs')
  const failed = s.ui.locator('[data-testid="job-row"][data-state="failed"]')
  await failed.first().waitFor({ timeout: 45_000 })
  const error = await failed.first().getByTestId('job-error').innerText()
  expect(error).toMatch(/A result image arrived damaged, so it was not placed\./)
  expect(error).toMatch(/(The image|Image \d of \d)(: PNG data is cut off| is not an image \(text\/plain, 24 bytes\))/)
  // Retried before giving up; nothing damaged reached the canvas.
  expect(served.length).toBeGreaterThanOrEqual(4)
  expect((await s.snapshot()).filter((n) => imageFill(n))).toHaveLength(0)
  await shoot(s, 'resilience-broken-image-light')

  broken = false
  // A retried row leaves the failed ones, so the first failed row is always the next to retry.
  for (let left = await failed.count(); left > 0; left--) await failed.first().getByRole('button', { name: 'Retry', exact: true }).click()
  await waitFor(async () => (await s.jobRows('done').count()) === (await s.jobRows().count()), { what: 'every job done after Retry', timeout: 30_000 })
  const filled = (await s.snapshot()).filter((n) => imageFill(n))
  expect(filled.map((n) => n.name).sort()).toEqual(['Hero banner', 'Product card'])
  // Retry polled the same jobs: no new upstream task.
  expect(await suite.sim.tasks()).toHaveLength(2)
  expect(crashes(s)).toEqual([])
})

test.each(['light', 'dark'] as const)('a token revoked mid-session (%s) stops polling and points to Settings; a new token saved, the job lands', async (theme) => {
  await suite.sim.configure({ delayMs: HELD_MS })
  const s = await suite.open({ scenario: 'empty', theme })
  // The backend no longer accepts the first token (its operator revoked it): every call with it answers the
  // contract's 401. The owner's second token (CLIENT_TOKENS in global-setup) stays valid.
  let revoked = false
  const refused: string[] = []
  await s.page.route(/\/v1\//, async (route) => {
    const request = route.request()
    const auth = (await request.headerValue('authorization')) ?? ''
    if (!revoked || auth !== `Bearer ${E2E.token}`) return route.continue()
    refused.push(`${request.method()} ${new URL(request.url()).pathname}`)
    await route.fulfill({
      status: 401,
      headers: { ...CORS, 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: { code: 'unauthorized', message: 'Missing or unknown client token.' } }),
    })
  })
  const jobId = await generate(s, 'A red bicycle against a white wall')
  revoked = true
  const row = s.ui.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`)
  await row.getByTestId('job-stall').filter({ hasText: 'Access token refused: enter a new one in Settings' }).waitFor({ timeout: 30_000 })
  const status = s.ui.getByTestId('status-bar').locator('[data-stall="auth"]')
  await status.waitFor()
  expect(await row.getAttribute('data-state')).toMatch(/^(queued|running)$/)
  await shoot(s, `resilience-token-refused-${theme}`)

  // Polling stops: no request goes out with the refused token while the user has not acted.
  const count = refused.length
  await stillFalseFor(() => refused.length > count, 4_000, 'another request with the refused token')
  expect(await suite.backend.getJob(jobId).then((j) => j.status)).not.toBe('failed')

  // The status bar leads to Settings, which says why; the new token is saved and the job carries on.
  await status.click()
  await s.ui.getByText('The backend refused your access token.', { exact: false }).waitFor()
  await shoot(s, `resilience-token-settings-${theme}`)
  await s.ui.getByLabel('Access token', { exact: true }).fill(E2E.rotatedToken)
  await s.press('Save')
  await finishTask()
  await s.tab('Jobs')
  await s.ui.locator(`[data-testid="job-row"][data-job-id="${jobId}"][data-state="done"]`).waitFor({ timeout: 30_000 })
  expect(await imageFrames(s)).toHaveLength(1)
  await stillFalseFor(async () => (await imageFrames(s)).length > 1, 1_500, 'a second placement')
  expect(await suite.sim.tasks()).toHaveLength(1)
  expect(crashes(s)).toEqual([])
})
