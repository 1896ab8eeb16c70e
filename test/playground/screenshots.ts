/**
 * `node scripts/run-ts.mjs test/playground/screenshots.ts [--out /tmp/playground-shots] [--backend URL --token T]
 * [--scenario S]... [--select "Layer name"]... [--tab Image] [--model operation:model] [--name suffix]`: opens
 * every scenario (or the ones named) in light and dark in headless Chromium (Debian's, via playwright-core) and
 * saves a PNG of each, for a designer's look; `--select` clicks those layers (shift-clicks after the first),
 * `--tab` opens a panel tab first and `--model` picks a Model option there. Needs `npm run build` first (for the
 * backend you pass: the plugin window's CSP allows only the origins dist/manifest.json declares, e.g.
 * http://localhost:8787) and `apt-get install chromium`.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium-args'
import { startPlayground } from './serve'

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '/tmp/playground-shots' },
    backend: { type: 'string' },
    token: { type: 'string' },
    scenario: { type: 'string', multiple: true },
    select: { type: 'string', multiple: true },
    tab: { type: 'string' },
    model: { type: 'string' },
    name: { type: 'string' },
  },
})

const scenarios = values.scenario ?? ['empty', 'placeholders', 'expand', 'reference', 'instances', 'odd-frames', 'compose']
await mkdir(values.out, { recursive: true })
const playground = await startPlayground()
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })
try {
  for (const theme of ['light', 'dark'] as const) {
    for (const scenario of scenarios) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: theme })
      const page = await context.newPage()
      const problems: string[] = []
      page.on('pageerror', (error) => problems.push(error.message))
      page.on('console', (message) => message.type() === 'error' && problems.push(message.text()))
      const query = new URLSearchParams({ scenario, theme })
      if (values.backend) query.set('backend', values.backend)
      if (values.token) query.set('token', values.token)
      await page.goto(`${playground.url}/?${query}`)
      await page.evaluate(() => window.playground.ready)
      await page.getByTestId('plugin-iframe').waitFor()
      await page.waitForTimeout(1200)
      for (const [i, layer] of (values.select ?? []).entries()) {
        await page.locator(`[data-node-name="${layer.replace(/"/g, '\\"')}"]`).first().click({ modifiers: i > 0 ? ['Shift'] : [], position: { x: 4, y: 4 } })
      }
      if (values.tab) await page.frameLocator('[data-testid="plugin-iframe"]').getByRole('tab', { name: values.tab, exact: true }).click()
      if (values.model) {
        await page.waitForTimeout(800)
        await page.frameLocator('[data-testid="plugin-iframe"]').getByLabel('Model', { exact: true }).selectOption(values.model)
      }
      if (values.select || values.tab) await page.waitForTimeout(1500)
      const file = join(values.out, `${scenario}-${theme}${values.name ? `-${values.name}` : ''}.png`)
      await page.screenshot({ path: file })
      console.log(`${file}${problems.length ? `  (${problems.length} errors: ${problems.join(' | ')})` : ''}`)
      await context.close()
    }
  }
} finally {
  await browser.close()
  await playground.close()
}
