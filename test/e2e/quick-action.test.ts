import { expect, test } from 'vitest'
import { imageFill } from './support/session'
import { browserSuite } from './support/suite'

const suite = browserSuite()

test('"Generate into selection" with a typed prompt starts at once, without another click', async () => {
  const s = await suite.open({ scenario: 'empty', command: 'generate', parameters: { prompt: 'A paper lantern in the rain' } })
  // The panel shows the jobs, and the job runs with the typed prompt.
  await s.ui.locator('[role="tab"][aria-selected="true"]').filter({ hasText: 'Jobs' }).waitFor()
  const frame = await s.waitForDocument('a new frame with the image', (nodes) => nodes.find((n) => n.type === 'FRAME' && imageFill(n)))
  expect(frame.pluginData.prompt).toBe('A paper lantern in the rain')
  const tasks = await suite.sim.tasks()
  expect(tasks).toHaveLength(1)
  expect(tasks[0].request.prompt).toBe('A paper lantern in the rain')
}, 120_000)

test('the prompt field has the focus when the panel opens', async () => {
  const s = await suite.open({ scenario: 'empty' })
  const frame = s.page.frames().find((f) => f !== s.page.mainFrame())!
  const focused = await frame.evaluate(() => {
    const active = document.activeElement as HTMLTextAreaElement | null
    return active?.tagName === 'TEXTAREA' ? (active.labels?.[0]?.textContent ?? '') : (active?.tagName ?? null)
  })
  expect(focused).toBe('Prompt')
}, 120_000)
