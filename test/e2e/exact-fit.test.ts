import { expect, test } from 'vitest'
import { LIMITS } from '../../shared/api/limits'
import { ODD_FRAMES } from '../playground/emulator'
import { imageFill, type Session } from './support/session'
import { browserSuite } from './support/suite'

const suite = browserSuite()

async function fitExactly(s: Session, names: string[]) {
  for (const [i, name] of names.entries()) await s.clickNode(name, i > 0)
  await s.waitForDocument(`${names.join(' and ')} selected`, (nodes) => nodes.filter((n) => n.selected).length === names.length)
  const box = s.ui.getByRole('checkbox', { name: 'Fit exactly' })
  await box.check()
  expect(await box.isChecked()).toBe(true)
}

test('fit exactly: a 1.85:1 frame and a 375x812 frame get images of their own ratio, by one expand pass within Kling’s limits', async () => {
  const s = await suite.open({ scenario: 'odd-frames' })
  await fitExactly(s, ['Cinema still', 'Phone screen'])

  // Each frame says how it gets there, and what it costs.
  const rows = s.ui.getByTestId('frame-ratio')
  await rows.filter({ hasText: '16:9 → 1.85:1, +4% width by expand' }).waitFor()
  await rows.filter({ hasText: '9:16 → 1:2.17, +22% height by expand' }).waitFor()
  await s.ui.getByLabel('Prompt', { exact: true }).fill('A foggy pine forest at sunrise')
  await s.ui.locator('.actions-summary').filter({ hasText: '+2 images to fit exactly' }).waitFor()
  await s.press('Generate')

  const frames = await s.waitForDocument('both frames filled', (nodes) => {
    const found = ['Cinema still', 'Phone screen'].map((name) => nodes.find((n) => n.name === name))
    return found.every((f) => f && imageFill(f)) && found
  }, 90_000)
  for (const frame of frames) {
    const fill = imageFill(frame!)!
    const imageRatio = fill.imageWidth! / fill.imageHeight!
    const frameRatio = frame!.width / frame!.height
    expect(Math.abs(imageRatio / frameRatio - 1), `${frame!.name}: image ${fill.imageWidth}x${fill.imageHeight}`).toBeLessThan(0.005)
    expect(fill.scaleMode).toBe('FILL')
  }

  // Two generations at the nearest ratios, then one expand each, every one within Kling's limits.
  const tasks = await suite.sim.tasks()
  expect(tasks.filter((t) => t.endpoint === 'generations').map((t) => t.request.aspect_ratio).sort()).toEqual(['16:9', '9:16'])
  const expands = tasks.filter((t) => t.endpoint === 'expand')
  expect(expands).toHaveLength(2)
  for (const task of expands) {
    const r = task.request as Record<string, number>
    const sides = [r.up_expansion_ratio, r.down_expansion_ratio, r.left_expansion_ratio, r.right_expansion_ratio]
    expect(sides.every((v) => v >= 0 && v <= LIMITS.expansion_ratio_max)).toBe(true)
    expect((1 + r.up_expansion_ratio + r.down_expansion_ratio) * (1 + r.left_expansion_ratio + r.right_expansion_ratio)).toBeLessThanOrEqual(LIMITS.expansion_area_max)
    // Only the thin sides grow, equally.
    expect(r.left_expansion_ratio).toBe(r.right_expansion_ratio)
    expect(r.up_expansion_ratio).toBe(r.down_expansion_ratio)
    expect(r.left_expansion_ratio === 0 || r.up_expansion_ratio === 0).toBe(true)
    const aspect = task.width / task.height
    expect(aspect).toBeGreaterThanOrEqual(LIMITS.image_aspect_min)
    expect(aspect).toBeLessThanOrEqual(LIMITS.image_aspect_max)
    expect(Math.min(task.width, task.height)).toBeGreaterThanOrEqual(LIMITS.image_min_side)
  }
}, 150_000)

test('fit exactly in Fill placeholders, kept as a setting across a reopen (dark theme)', async () => {
  const s = await suite.open({ scenario: 'odd-frames', theme: 'dark' })
  await fitExactly(s, ['Web banner'])
  await s.page.evaluate(() => window.playground.reopen())
  await s.waitConnected()
  await s.tab('Fill')
  expect(await s.ui.getByRole('checkbox', { name: 'Fit exactly' }).isChecked()).toBe(true)
  // Kling's 21:9 image is 1552x656 (2.37:1), so 1% more width reaches 2.4:1.
  const row = s.ui.getByTestId('placeholder-row')
  await row.filter({ hasText: '21:9 → 2.4:1, +1% width by expand' }).waitFor()
  await s.press('Fill placeholders')
  const banner = await s.waitForDocument('the banner filled', (nodes) => {
    const node = nodes.find((n) => n.name === 'Web banner')
    return node && imageFill(node) && node
  }, 90_000)
  const fill = imageFill(banner)!
  const spec = ODD_FRAMES.find((f) => f.name === 'Web banner')!
  expect(Math.abs(fill.imageWidth! / fill.imageHeight! / (spec.width / spec.height) - 1)).toBeLessThan(0.005)
}, 150_000)
