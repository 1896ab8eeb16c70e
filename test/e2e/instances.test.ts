import { expect, test } from 'vitest'
import { PLACEHOLDER_INSTANCES } from '../playground/emulator'
import { imageFill } from './support/session'
import { browserSuite } from './support/suite'

const suite = browserSuite()

test('an instance of an "Image placeholder" component is filled through its grey rectangle, where the image shows', async () => {
  const s = await suite.open({ scenario: 'instances' })
  const names = PLACEHOLDER_INSTANCES.map((i) => i.name)
  for (const [i, name] of names.entries()) await s.clickNode(name, i > 0)
  await s.waitForDocument('three instances selected', (nodes) => nodes.filter((n) => n.selected).length === 3)

  await s.tab('Fill')
  await s.ui.locator('.actions-summary').filter({ hasText: '3 placeholders' }).waitFor()
  await s.press('Fill placeholders')

  const filled = await s.waitForDocument('each instance’s rectangle with an image', (nodes) => {
    const instances = nodes.filter((n) => n.type === 'INSTANCE')
    const layers = instances.map((instance) => nodes.find((n) => n.parentId === instance.id))
    return layers.every((layer) => layer && imageFill(layer)) && { instances, layers }
  })
  for (const [i, instance] of filled.instances.entries()) {
    // The image is on the layer inside (an override), not behind it on the instance.
    expect(imageFill(instance)).toBeNull()
    expect(imageFill(filled.layers[i]!)).toMatchObject({ scaleMode: 'FILL' })
    expect(instance.pluginData.prompt).toContain(instance.name)
  }
  // The component itself is untouched.
  const component = (await s.snapshot()).find((n) => n.type === 'COMPONENT')!
  expect((await s.snapshot()).filter((n) => n.parentId === component.id).every((n) => !imageFill(n))).toBe(true)
}, 120_000)
