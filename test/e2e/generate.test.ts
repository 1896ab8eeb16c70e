import { expect, test } from 'vitest'
import { imageFill } from './support/session'
import { browserSuite } from './support/suite'
import { waitFor } from './support/wait'

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

test('generate into three frames at one ratio: each image lands in its own frame as soon as its bytes arrive', async () => {
  const s = await suite.open({ scenario: 'placeholders' })
  const names = ['Hero banner', 'Story cover', 'Product card']
  for (const [i, name] of names.entries()) await s.clickNode(name, i > 0)
  await s.waitForDocument('three frames selected', (nodes) => nodes.filter((n) => n.selected).length === 3)
  await s.ui.getByLabel('Prompt', { exact: true }).fill('A ceramic vase with dried flowers')
  await s.ui.getByLabel('Aspect ratio', { exact: true }).selectOption('1:1')

  // The last image's bytes are held back until the test lets them go.
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  let lastServedAt = 0
  await s.page.route(/\/v1\/jobs\/[^/]+\/images\/2$/, async (route) => {
    await held
    lastServedAt = Date.now()
    await route.continue()
  })
  const undoSteps = () => s.page.evaluate(() => window.playground.emulator.undoCommits)
  const undoBefore = await undoSteps()
  // Earlier tests of this file share the backend: only a job created by this click counts.
  const earlier = new Set((await suite.backend.listJobs(20)).map((j) => j.id))
  await s.press('Generate')

  // One job of three images, image i for the i-th target (the job's client_ref lists the targets in order).
  const job = await waitFor(async () => (await suite.backend.listJobs(5)).find((j) => j.n === 3 && !earlier.has(j.id)), { what: 'the job of three images' })
  const targets = job.client_ref!.split(',')
  expect(targets).toHaveLength(3)
  const filled = (nodes: Awaited<ReturnType<typeof s.snapshot>>, id: string) => {
    const node = nodes.find((n) => n.id === id)
    return !!node && !!imageFill(node)
  }
  const firstPlacedAt = await s.waitForDocument('the first two frames filled while the last image is held', (nodes) =>
    filled(nodes, targets[0]) && filled(nodes, targets[1]) && Date.now(),
  )
  expect(filled(await s.snapshot(), targets[2]), 'the third frame waits for its own image').toBe(false)
  await s.tab('Jobs')
  await s.ui.locator('[data-testid="job-row"][data-state="placing"]').filter({ hasText: '2 of 3 placed' }).waitFor()

  release()
  await s.waitForDocument('the third frame filled', (nodes) => filled(nodes, targets[2]))
  expect(firstPlacedAt, 'the first images were placed before the last image was served').toBeLessThan(lastServedAt)
  for (const id of targets) expect(imageFill((await s.snapshot()).find((n) => n.id === id)!)).toMatchObject({ scaleMode: 'FILL', imageWidth: 1024, imageHeight: 1024 })
  await s.ui.locator('[data-testid="job-row"][data-state="done"]').filter({ hasText: '3 images placed' }).waitFor()
  // The held image is a placement (an undo step) of its own; images that arrived together may share one.
  expect((await undoSteps()) - undoBefore).toBeGreaterThanOrEqual(2)
  expect((await undoSteps()) - undoBefore).toBeLessThanOrEqual(3)
  expect(await suite.sim.tasks()).toHaveLength(1)
})
