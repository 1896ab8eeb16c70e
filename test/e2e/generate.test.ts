import { expect, test } from 'vitest'
import { imageFill } from './support/session'
import { browserSuite } from './support/suite'

const suite = browserSuite()

test('generate with no selection: two images become two new 1360x768 frames in a row, selected', async () => {
  const s = await suite.open({ scenario: 'empty' })
  await s.ui.getByLabel('Prompt', { exact: true }).fill('A lighthouse on a cliff at dusk, editorial photo')
  await s.ui.getByLabel('Aspect ratio', { exact: true }).selectOption('16:9')
  await s.ui.getByLabel('Number of images', { exact: true }).selectOption('2')
  await s.press('Generate')

  const frames = await s.waitForDocument('two frames with image fills', (nodes) => {
    const filled = nodes.filter((n) => n.type === 'FRAME' && imageFill(n))
    return filled.length >= 2 && filled
  })
  const nodes = await s.snapshot()
  expect(nodes.filter((n) => n.type === 'FRAME')).toHaveLength(2)
  const row = [...frames].sort((a, b) => a.x - b.x)
  for (const frame of row) {
    expect({ width: frame.width, height: frame.height }).toEqual({ width: 1360, height: 768 })
    expect(imageFill(frame)).toMatchObject({ type: 'IMAGE', scaleMode: 'FILL', imageWidth: 1360, imageHeight: 768 })
    expect(frame.selected).toBe(true)
  }
  // Laid out left to right, tops aligned, not overlapping.
  expect(row[1].y).toBe(row[0].y)
  expect(row[1].x).toBeGreaterThanOrEqual(row[0].x + row[0].width)

  const tasks = await suite.sim.tasks()
  expect(tasks).toHaveLength(1)
  expect(tasks[0]).toMatchObject({ endpoint: 'generations', n: 2, width: 1360, height: 768 })
  expect(tasks[0].request.aspect_ratio).toBe('16:9')
})

test('a rejected prompt fails with a readable message about the content policy', async () => {
  const s = await suite.open({ scenario: 'empty' })
  await s.ui.getByLabel('Prompt', { exact: true }).fill('A forbidden ritual in an ancient temple')
  await s.press('Generate')
  // The canvas notification (figma.notify) says it in plain words.
  const toast = s.page.getByTestId('toast-message').filter({ hasText: /content policy/i }).first()
  await toast.waitFor()
  expect(await toast.innerText()).not.toMatch(/\b1301\b|content_rejected|[{}[\]]/)
  await s.tab('Jobs')
  const row = s.jobRows('failed').first()
  await row.waitFor({ timeout: 30_000 })
  const error = row.getByTestId('job-error')
  await error.waitFor()
  const text = (await error.innerText()).trim()

  expect(text).toMatch(/content policy/i)
  // Plain words: no Kling code, no error-code identifier, no JSON, no HTTP status line.
  expect(text).not.toMatch(/\b1301\b|content_rejected|[{}[\]]|"code"|HTTP \d{3}/)
  expect(text.length).toBeLessThan(400)
  // Refused at submission: nothing ran upstream and nothing was placed.
  expect(await suite.sim.tasks()).toHaveLength(0)
  expect((await s.snapshot()).filter((n) => imageFill(n))).toHaveLength(0)
})
