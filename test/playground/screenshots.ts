/**
 * `node scripts/run-ts.mjs test/playground/screenshots.ts [--out /tmp/playground-shots] [--backend URL --token T]`:
 * opens every scenario in light and dark in headless Chromium (Debian's, via playwright-core) and saves a PNG of
 * each, for a designer's look. Needs `npm run build` first and `apt-get install chromium`.
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
  },
})

const scenarios = values.scenario ?? ['empty', 'placeholders', 'expand', 'reference', 'compose']
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
      const file = join(values.out, `${scenario}-${theme}.png`)
      await page.screenshot({ path: file })
      console.log(`${file}${problems.length ? `  (${problems.length} errors: ${problems.join(' | ')})` : ''}`)
      await context.close()
    }
  }
} finally {
  await browser.close()
  await playground.close()
}
