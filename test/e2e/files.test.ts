import { expect, test } from 'vitest'
import { imageFill } from './support/session'
import { browserSuite } from './support/suite'
import { stillFalseFor, waitFor } from './support/wait'

const suite = browserSuite()

test('two files with a job in flight: the job lands in its own file only, never in the other file’s node of the same id', async () => {
  await suite.sim.configure({ delayMs: 120_000 })
  const s = await suite.open({ scenario: 'placeholders', file: 'A' })
  await s.clickNode('Hero banner')
  await s.waitForDocument('Hero banner selected', (nodes) => nodes.find((n) => n.name === 'Hero banner')?.selected)
  const heroA = (await s.snapshot()).find((n) => n.name === 'Hero banner')!
  await s.ui.getByLabel('Prompt', { exact: true }).fill('A harbour at dawn')
  await s.press('Generate')
  const task = await waitFor(async () => (await suite.sim.tasks())[0], { what: 'the upstream task' })
  // The panel has the job's id and has kept it for this file (a switch before that would lose it, in Figma too).
  await waitFor(
    () => s.page.evaluate(async () => {
      const storage = window.playground.emulator.figma.clientStorage
      return (await storage.keysAsync()).some((key) => key.startsWith('jobs/v2/'))
    }),
    { what: "file A's pending job in clientStorage" },
  )

  // The designer switches to file B, made from the same template: its nodes have the same ids.
  await s.goto({ ...s.options!, file: 'B' })
  const heroB = (await s.snapshot()).find((n) => n.name === 'Hero banner')!
  expect(heroB.id).toBe(heroA.id)
  const documentIds = await s.page.evaluate(() => window.playground.emulator.figma.root.getPluginData('documentId'))
  await suite.sim.finish(task.task_id)
  await waitFor(async () => (await suite.sim.tasks())[0]?.status === 'succeed', { what: 'Kling to finish the task' })
  // File B does not resume file A's job: nothing lands in B, and B's panel lists no job.
  await stillFalseFor(async () => (await s.snapshot()).some((n) => imageFill(n)), 4_000, "file A's image landing in file B")
  await s.tab('Jobs')
  expect(await s.jobRows().count()).toBe(0)

  // Back in file A (its nodes and pluginData kept across the page loads), the job is resumed and placed there.
  await s.goto({ ...s.options!, file: 'A' })
  expect(await s.page.evaluate(() => window.playground.emulator.figma.root.getPluginData('documentId'))).not.toBe(documentIds)
  await s.tab('Jobs')
  await s.jobRows().first().waitFor({ timeout: 45_000 })
  const filled = await s.waitForDocument("file A's Hero banner filled", (nodes) => {
    const hero = nodes.find((n) => n.id === heroA.id)
    return hero && imageFill(hero) && hero
  }, 90_000)
  expect(imageFill(filled)).toMatchObject({ scaleMode: 'FILL', imageWidth: 1360, imageHeight: 768 })
  expect((await s.snapshot()).filter((n) => imageFill(n))).toHaveLength(1)
  expect(await suite.sim.tasks()).toHaveLength(1)
}, 150_000)
