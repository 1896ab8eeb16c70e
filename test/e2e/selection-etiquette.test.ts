import { expect, test } from 'vitest'
import { imageFill } from './support/session'
import { browserSuite } from './support/suite'
import { waitFor } from './support/wait'

const suite = browserSuite()

test('a job that finishes after the selection changed leaves selection and view alone, and offers Show', async () => {
  await suite.sim.configure({ delayMs: 120_000 })
  const s = await suite.open({ scenario: 'placeholders' })
  await s.ui.getByLabel('Prompt', { exact: true }).fill('A red kite over the hills')
  await s.press('Generate')
  const task = await waitFor(async () => (await suite.sim.tasks())[0], { what: 'the upstream task' })

  // Meanwhile the designer works on: selects a frame and looks elsewhere.
  await s.clickNode('Poster')
  await s.waitForDocument('Poster selected', (nodes) => nodes.find((n) => n.name === 'Poster')?.selected)
  const view = await s.page.evaluate(() => ({ ...window.playground.emulator.figma.viewport.center }))
  await suite.sim.finish(task.task_id)

  const frame = await s.waitForDocument('the new frame with its image', (nodes) => nodes.find((n) => n.type === 'FRAME' && imageFill(n)))
  // Not selected, not scrolled to: the designer's selection and view are as they left them.
  const nodes = await s.snapshot()
  expect(nodes.filter((n) => n.selected).map((n) => n.name)).toEqual(['Poster'])
  expect(await s.page.evaluate(() => ({ ...window.playground.emulator.figma.viewport.center }))).toEqual(view)
  // In the view (near its middle, clear of the placeholders), not off to the right of everything.
  const bounds = await s.page.evaluate(() => window.playground.emulator.figma.viewport.bounds)
  const inView = frame.x < bounds.x + bounds.width && frame.x + frame.width > bounds.x && frame.y < bounds.y + bounds.height && frame.y + frame.height > bounds.y
  expect(inView, `frame ${frame.x},${frame.y} ${frame.width}x${frame.height} in view ${JSON.stringify(bounds)}`).toBe(true)

  // One notification, with a Show button that brings the new frame forward.
  const toast = s.page.getByTestId('toast').filter({ hasText: 'Placed 1 image' })
  await toast.waitFor()
  expect(await s.page.getByTestId('toast').count()).toBe(1)
  await toast.getByTestId('toast-action').click()
  await s.waitForDocument('the new frame selected', (all) => all.find((n) => n.id === frame.id)?.selected)
  expect((await s.snapshot()).filter((n) => n.selected).map((n) => n.id)).toEqual([frame.id])
}, 120_000)
