import { expect, test } from 'vitest'
import { imageFill } from './support/session'
import { browserSuite } from './support/suite'

const suite = browserSuite()

test('expand an 800x600 image into its 1600x900 frame: the frame ends fully covered at its own ratio', async () => {
  const s = await suite.open({ scenario: 'expand' })
  const before = await s.snapshot()
  const frame = before.find((n) => n.name === 'Expand me')!
  const photo = before.find((n) => n.name === 'Photo')!
  expect(photo.parentId).toBe(frame.id)

  await s.clickNode('Photo')
  await s.waitForDocument('the photo selected', (nodes) => nodes.find((n) => n.id === photo.id)?.selected)
  await s.tab('Expand')
  await s.press('Expand')

  const expanded = await s.waitForDocument('the frame filled with the expanded image and the photo gone', (nodes) => {
    const f = nodes.find((n) => n.id === frame.id)
    return f && imageFill(f) && !nodes.some((n) => n.id === photo.id) && f
  })
  expect({ width: expanded.width, height: expanded.height }).toEqual({ width: 1600, height: 900 })
  // The image fill is the frame's only visible fill and covers all of it.
  expect(expanded.fills.filter((f) => f.visible !== false)).toHaveLength(1)
  const fill = imageFill(expanded)!
  expect(fill).toMatchObject({ type: 'IMAGE', scaleMode: 'FILL' })
  const ratio = fill.imageWidth! / fill.imageHeight!
  expect(Math.abs(ratio / (1600 / 900) - 1)).toBeLessThan(0.01)

  const tasks = await suite.sim.tasks()
  expect(tasks).toHaveLength(1)
  expect(tasks[0].endpoint).toBe('expand')
  const request = tasks[0].request
  expect(request.left_expansion_ratio).toBeCloseTo(0.5, 3)
  expect(request.right_expansion_ratio).toBeCloseTo(0.5, 3)
  expect(request.up_expansion_ratio).toBeCloseTo(0.25, 3)
  expect(request.down_expansion_ratio).toBeCloseTo(0.25, 3)
})
