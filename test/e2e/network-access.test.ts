import { expect, test } from 'vitest'
import { join } from 'node:path'
import { browserSuite, SCREENSHOT_DIR } from './support/suite'

const suite = browserSuite()

/** An origin the built manifest does not declare (the suite's build declares only the Worker's). */
const UNDECLARED = 'http://localhost:1'

test('a backend the manifest does not declare is refused by CSP, and the panel names networkAccess, not CORS', async () => {
  const s = await suite.open({ scenario: 'empty', backendUrl: UNDECLARED, waitConnected: false })

  // The panel explains what blocked it and how to fix it.
  const notice = s.ui.getByTestId('connect-notice')
  await notice.filter({ hasText: /networkAccess/ }).waitFor()
  const text = await notice.innerText()
  expect(text).toMatch(/manifest/)
  expect(text).toContain(`KLING_FRAMES_BACKEND_URL=${UNDECLARED}`)
  expect(text).not.toMatch(/CORS/)
  await s.page.screenshot({ path: join(SCREENSHOT_DIR, 'network-access-refused.png') })

  // It was the plugin window's Content-Security-Policy (from dist/manifest.json) that refused it, as in Figma.
  const frame = s.page.frames().find((f) => f !== s.page.mainFrame())!
  const blocked = await frame.evaluate(async (url) => {
    let violation: string | null = null
    document.addEventListener('securitypolicyviolation', (event) => (violation = `${event.violatedDirective} ${event.blockedURI}`))
    const outcome = await fetch(`${url}/v1/health`).then(
      () => 'answered',
      () => 'refused',
    )
    await new Promise((resolve) => setTimeout(resolve, 200))
    return { outcome, violation }
  }, UNDECLARED)
  expect(blocked.outcome).toBe('refused')
  expect(blocked.violation).toMatch(/^connect-src http:\/\/localhost:1/)

  // Settings will not accept it either, and say why before anything is sent.
  await s.tab('Settings')
  const url = s.ui.getByLabel('Backend URL', { exact: true })
  await url.fill('https://kf.example.workers.dev')
  await s.ui.getByText(/not in the plugin manifest's networkAccess/).waitFor()
  expect(await s.button('Save').isDisabled()).toBe(true)

  // The declared backend connects.
  await url.fill(suite.pluginBackendUrl)
  await s.press('Test connection')
  await s.ui.getByTestId('connection-result').filter({ hasText: /Connected to/ }).waitFor()
}, 120_000)
