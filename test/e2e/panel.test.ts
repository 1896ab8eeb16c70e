import { expect, test } from 'vitest'
import { browserSuite } from './support/suite'

const suite = browserSuite()

/** Relative luminance (0 black … 1 white) of a CSS rgb()/rgba() colour. */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number)
  const linear = (c: number) => {
    const v = c / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

async function panelColors(s: Awaited<ReturnType<typeof suite.open>>) {
  return s.ui.locator('.app').evaluate((app) => {
    // The first opaque background from the panel up to the document.
    let background = 'rgba(0, 0, 0, 0)'
    for (let el: Element | null = app; el; el = el.parentElement) {
      const bg = getComputedStyle(el).backgroundColor
      if (bg && bg !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(bg)) {
        background = bg
        break
      }
    }
    const label = app.querySelector('label') ?? app
    return { background, text: getComputedStyle(label).color }
  })
}

test('dark mode renders a dark panel with light text', async () => {
  const s = await suite.open({ scenario: 'empty', theme: 'dark' })
  const dark = await panelColors(s)
  expect(luminance(dark.background), `background ${dark.background}`).toBeLessThan(0.1)
  expect(luminance(dark.text), `text ${dark.text}`).toBeGreaterThan(0.4)
})

test('Settings "Test connection" shows the provider and the remaining budget', async () => {
  const s = await suite.open({ scenario: 'empty' })
  await s.tab('Settings')
  expect(await s.ui.getByLabel('Backend URL', { exact: true }).inputValue()).toBe(suite.pluginBackendUrl)
  expect(await s.ui.getByLabel('Access token', { exact: true }).inputValue()).toBe(suite.backend.token)
  await s.press('Test connection')
  const result = s.ui.getByTestId('connection-result')
  await result.waitFor()
  const text = await result.innerText()
  const { budget } = await suite.backend.capabilities()
  expect(text).toContain('Connected to Kling')
  expect(text).toMatch(new RegExp(`\\b${budget.remaining_today} images? of ${budget.daily_limit} left today`))
})
