import { expect, test } from 'vitest'
import { imageFill } from './support/session'
import { browserSuite } from './support/suite'
import { stillFalseFor, waitFor } from './support/wait'

const suite = browserSuite()

/** A job row that is submitted (knows its backend id) and still active. */
const ACTIVE_ROW = '[data-testid="job-row"][data-job-id]:is([data-state="queued"], [data-state="running"])'


test('cancel a running job: canceled in the panel and on the backend, and nothing is placed', async () => {
  await suite.sim.configure({ delayMs: 120_000 })
  const s = await suite.open({ scenario: 'empty' })
  await s.ui.getByLabel('Prompt', { exact: true }).fill('A slow sunrise over the dunes')
  await s.press('Generate')
  await s.tab('Jobs')

  // Queued until Kling reports the task processing (a third of the delay); cancellable either way.
  const running = s.ui.locator(ACTIVE_ROW).first()
  await running.waitFor()
  const jobId = (await running.getAttribute('data-job-id'))!
  const task = await waitFor(async () => (await suite.sim.tasks())[0], { what: 'the upstream task' })

  await running.getByRole('button', { name: 'Cancel', exact: true }).click()
  await s.ui.locator(`[data-testid="job-row"][data-job-id="${jobId}"][data-state="canceled"]`).waitFor()
  await waitFor(async () => (await suite.backend.getJob(jobId)).status === 'canceled', { what: `GET /v1/jobs/${jobId} to say canceled`, timeout: 10_000 })

  // Kling finishes the task anyway; its images must never show up.
  await suite.sim.finish(task.task_id)
  await waitFor(async () => (await suite.sim.tasks())[0]?.status === 'succeed', { what: 'the simulator to finish the task' })
  await stillFalseFor(async () => (await s.snapshot()).some((n) => imageFill(n)), 4_000, 'an image placed after the cancel')
  expect(await s.jobRows().count()).toBe(1)
  expect(await s.jobRows('canceled').count()).toBe(1)
  expect((await suite.backend.getJob(jobId)).status).toBe('canceled')
})

test('reopening the plugin with a job in flight still places its images', async () => {
  await suite.sim.configure({ delayMs: 6_000 })
  const s = await suite.open({ scenario: 'empty' })
  await s.ui.getByLabel('Prompt', { exact: true }).fill('A paper boat on a rainy street')
  await s.press('Generate')
  await s.tab('Jobs')
  await s.ui.locator(ACTIVE_ROW).first().waitFor()
  await waitFor(async () => (await suite.sim.tasks()).length === 1, { what: 'the upstream task' })

  // Close the plugin as the user would, then reopen it from the canvas.
  await s.page.getByTestId('plugin-close-button').click()
  await s.page.getByTestId('plugin-reopen-button').click()
  await s.page.locator('[data-testid="plugin-iframe"]').waitFor({ state: 'attached' })
  expect((await suite.sim.tasks())[0].status, 'the job was still in flight when the plugin came back').not.toBe('succeed')

  const placed = await s.waitForDocument('the job images placed after the reopen', (nodes) => {
    const frames = nodes.filter((n) => n.type === 'FRAME' && imageFill(n))
    return frames.length > 0 && frames
  })
  expect(placed).toHaveLength(1)
  expect(imageFill(placed[0])).toMatchObject({ scaleMode: 'FILL', imageWidth: 1024, imageHeight: 1024 })
  // Resumed, not resubmitted: still one upstream task; and placed once only.
  expect(await suite.sim.tasks()).toHaveLength(1)
  await stillFalseFor(async () => (await s.snapshot()).filter((n) => imageFill(n)).length > 1, 2_000, 'a second placement')
})
