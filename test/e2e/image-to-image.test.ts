import { expect, test } from 'vitest'
import { imageInfo } from '../../shared/image/image-info'
import { imageFill } from './support/session'
import { browserSuite } from './support/suite'

const suite = browserSuite()

test('image-to-image: results land beside the source, at its size, from a reasonably sized upload', async () => {
  const s = await suite.open({ scenario: 'reference' })
  const uploads: string[] = []
  s.page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/v1/jobs') uploads.push(request.postData() ?? '')
  })
  const source = (await s.snapshot()).find((n) => n.name === 'Reference')!
  await s.clickNode('Reference')
  await s.waitForDocument('the reference selected', (nodes) => nodes.find((n) => n.id === source.id)?.selected)

  await s.tab('Image')
  await s.ui.getByLabel('Prompt', { exact: true }).fill('The same lagoon at night under a full moon')
  await s.ui.getByLabel('Number of images', { exact: true }).selectOption('2')
  await s.press('Generate')

  const results = await s.waitForDocument('two result frames with image fills', (nodes) => {
    const frames = nodes.filter((n) => n.id !== source.id && n.type === 'FRAME' && imageFill(n))
    return frames.length >= 2 && frames.sort((a, b) => a.x - b.x)
  })
  expect(results).toHaveLength(2)
  let left = source.x + source.width
  for (const frame of results) {
    expect({ width: frame.width, height: frame.height }).toEqual({ width: source.width, height: source.height })
    expect(frame.y).toBe(source.y)
    expect(frame.x).toBeGreaterThanOrEqual(left)
    left = frame.x + frame.width
    expect(imageFill(frame)).toMatchObject({ type: 'IMAGE', scaleMode: 'FILL' })
  }

  // What the panel uploaded.
  expect(uploads).toHaveLength(1)
  const body = JSON.parse(uploads[0]) as Record<string, unknown>
  expect(body.operation).toBe('image_to_image')
  const bytes = Buffer.from(String(body.image).replace(/^data:[^,]*,/, ''), 'base64')
  const info = imageInfo(bytes)
  expect(info, 'the upload is a PNG or JPEG').not.toBeNull()
  expect(Math.min(info!.width, info!.height)).toBeGreaterThanOrEqual(300)
  expect(Math.max(info!.width, info!.height)).toBeLessThanOrEqual(2048)

  // What Kling (the simulator) received: that same image, and no negative_prompt (Kling rejects it with an image).
  const tasks = await suite.sim.tasks()
  expect(tasks).toHaveLength(1)
  const request = tasks[0].request
  expect(tasks[0].endpoint).toBe('generations')
  expect(request.negative_prompt ?? '').toBe('')
  expect(request.image).toBe(`<base64 ${bytes.length} bytes>`)
})
