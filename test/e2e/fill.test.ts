import { expect, test } from 'vitest'
import type { AspectRatio } from '../../shared/api/enums'
import { nearestAspectRatio } from '../../shared/geometry'
import { klingPixelSize } from '../../shared/kling/pixel-sizes'
import { PLACEHOLDER_FRAMES } from '../playground/emulator'
import { defaultModel } from './support/backend'
import { ms } from './support/sim-admin'
import { imageFill } from './support/session'
import { browserSuite } from './support/suite'

const suite = browserSuite()

test('fill six placeholders of six ratios: each gets an image of its nearest supported ratio, in parallel', async () => {
  const model = defaultModel(await suite.backend.capabilities(), 'generate')
  const allowed = model.aspect_ratios as AspectRatio[]
  const s = await suite.open({ scenario: 'placeholders' })

  const names = PLACEHOLDER_FRAMES.map((f) => f.name)
  for (const [i, name] of names.entries()) await s.clickNode(name, i > 0)
  await s.waitForDocument('all six placeholders selected', (nodes) => nodes.filter((n) => n.selected).length === 6)

  await s.tab('Fill')
  await s.ui.locator('.actions-summary').filter({ hasText: '6 placeholders' }).waitFor()
  await s.press('Fill placeholders')

  const filled = await s.waitForDocument('six placeholders with image fills', (nodes) => {
    const frames = names.map((name) => nodes.find((n) => n.name === name))
    return frames.every((f) => f && imageFill(f)) && frames
  })

  const ratios = new Set<string>()
  for (const [i, frame] of filled.entries()) {
    const spec = PLACEHOLDER_FRAMES[i]
    const { ratio } = nearestAspectRatio(spec.width, spec.height, allowed)
    ratios.add(ratio)
    const size = klingPixelSize(ratio, '1k')
    expect({ name: frame!.name, width: frame!.width, height: frame!.height }).toEqual({ name: spec.name, width: spec.width, height: spec.height })
    expect(imageFill(frame!), `${spec.name} (${spec.width}x${spec.height} → ${ratio})`).toMatchObject({
      type: 'IMAGE',
      scaleMode: 'FILL',
      imageWidth: size.width,
      imageHeight: size.height,
    })
  }
  expect(ratios.size).toBe(6)

  const tasks = await suite.sim.tasks()
  expect(tasks).toHaveLength(6)
  expect(new Set(tasks.map((t) => t.request.aspect_ratio))).toEqual(ratios)
  // In parallel: every task was created before the first one finished.
  const lastCreated = Math.max(...tasks.map((t) => ms(t.created_at)))
  const firstDone = Math.min(...tasks.map((t) => ms(t.succeeded_at)))
  const t0 = Math.min(...tasks.map((t) => ms(t.created_at)))
  const timeline = tasks
    .map((t) => `${t.request.aspect_ratio} created +${ms(t.created_at) - t0} ms, succeeded +${ms(t.succeeded_at) - t0} ms`)
    .join('; ')
  expect(lastCreated, `all six created before the first succeeded: ${timeline}`).toBeLessThan(firstDone)
})
