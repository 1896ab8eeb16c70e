/**
 * The Image view's multi-image flows end to end: the `compose` scenario (three products, a beach scene, a style
 * swatch), the real plugin and panel, the Worker, and the Kling simulator. Each test asserts on what Kling
 * received and on the document, not only that something happened.
 */
import { expect, test } from 'vitest'
import { imageInfo } from '../../shared/image/image-info'
import { imageFill, type NodeSnapshot, type Session } from './support/session'
import { browserSuite } from './support/suite'

const suite = browserSuite()

/** The panel's `POST /v1/jobs` bodies. */
function recordUploads(s: Session): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = []
  s.page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/v1/jobs') {
      bodies.push(JSON.parse(request.postData() ?? '{}') as Record<string, unknown>)
    }
  })
  return bodies
}

/** Selects the layers by name, in order (the first click replaces the selection, the others add to it). */
async function selectLayers(s: Session, names: string[]): Promise<NodeSnapshot[]> {
  for (const [i, name] of names.entries()) await s.clickNode(name, i > 0)
  const nodes = await s.waitForDocument(`${names.join(', ')} selected`, (all) => {
    const selected = all.filter((n) => n.selected)
    return selected.length === names.length && names.every((name) => selected.some((n) => n.name === name)) && all
  })
  await s.tab('Image')
  await s.ui.getByTestId('reference').nth(names.length - 1).waitFor()
  expect(await s.ui.getByTestId('reference').count()).toBe(names.length)
  return names.map((name) => nodes.find((n) => n.name === name)!)
}

/** The bytes size of a base64 upload, as the simulator reports it (`<base64 N bytes>`). */
function sizeTag(base64: unknown): string {
  return `<base64 ${Buffer.from(String(base64).replace(/^data:[^,]*,/, ''), 'base64').length} bytes>`
}

function newFrames(nodes: NodeSnapshot[], before: NodeSnapshot[], count: number): NodeSnapshot[] | false {
  const old = new Set(before.map((n) => n.id))
  const frames = nodes.filter((n) => !old.has(n.id) && n.type === 'FRAME' && imageFill(n))
  return frames.length >= count && frames.sort((a, b) => a.x - b.x)
}

test('multi-image reference: three selected frames, one marked Style, become two subjects and a style image', async () => {
  const s = await suite.open({ scenario: 'compose' })
  const uploads = recordUploads(s)
  const before = await s.snapshot()
  const [bottle, sneaker, swatch] = await selectLayers(s, ['Bottle', 'Sneaker', 'Style swatch'])

  // Two to four images: multi-image reference is the default, with a role for each image.
  expect(await s.ui.getByLabel('Model', { exact: true }).inputValue()).toMatch(/^multi_reference:/)
  const swatchRow = s.ui.locator(`[data-testid="reference"][data-node-id="${swatch.id}"]`)
  await swatchRow.getByText('Style', { exact: true }).click()
  await s.ui.locator(`[data-testid="reference"][data-node-id="${swatch.id}"][data-role="style"]`).waitFor()
  await s.ui.getByLabel('Prompt', { exact: true }).fill('The bottle and the sneaker on a shelf, swatch colours')
  await s.ui.getByLabel('Number of images', { exact: true }).selectOption('2')
  await s.press('Generate')

  const frames = await s.waitForDocument('two result frames', (nodes) => newFrames(nodes, before, 2))
  expect(frames).toHaveLength(2)
  // A row to the right of the references, tops aligned with them, in order, named after the prompt.
  const right = Math.max(...[bottle, sneaker, swatch].map((n) => n.x + n.width))
  expect(frames[0].x).toBeGreaterThanOrEqual(right)
  expect(frames[1].x).toBeGreaterThanOrEqual(frames[0].x + frames[0].width)
  for (const frame of frames) {
    expect(frame.y).toBe(bottle.y)
    expect(frame.name).toBe('The bottle and the sneaker on a shelf, swatch colours')
    expect(imageFill(frame)).toMatchObject({ scaleMode: 'FILL', imageWidth: frame.width, imageHeight: frame.height })
  }

  // What the panel sent, and what Kling received: the two subjects in selection order, the swatch as the style.
  expect(uploads).toHaveLength(1)
  const body = uploads[0]
  expect(body).toMatchObject({ operation: 'multi_reference', n: 2 })
  expect(body).not.toHaveProperty('scene_image')
  const subjects = body.subject_images as string[]
  expect(subjects).toHaveLength(2)
  for (const image of [...subjects, body.style_image]) {
    const info = imageInfo(Buffer.from(String(image), 'base64'))
    expect(info, 'each upload is a PNG or JPEG').not.toBeNull()
  }
  const tasks = await suite.sim.tasks()
  expect(tasks).toHaveLength(1)
  expect(tasks[0].endpoint).toBe('multi-image2image')
  const request = tasks[0].request
  expect(request.subject_image_list).toEqual(subjects.map((image) => ({ subject_image: sizeTag(image) })))
  expect(request.style_image).toBe(sizeTag(body.style_image))
  expect(request.scene_image ?? null).toBeNull()
  expect(request.prompt).toBe('The bottle and the sneaker on a shelf, swatch colours')
})

test('omni: two chips inserted into the prompt are sent as <<<image_1>>> and <<<image_2>>>', async () => {
  const s = await suite.open({ scenario: 'compose' })
  const uploads = recordUploads(s)
  const before = await s.snapshot()
  await selectLayers(s, ['Bottle', 'Beach scene'])
  await s.ui.getByLabel('Model', { exact: true }).selectOption('omni:kling-image-o1')
  // What this model cannot do is not shown at all: no 4K, no series; its ratio picker starts at Auto.
  const resolutions = await s.ui.getByLabel('Resolution', { exact: true }).locator('option').allTextContents()
  expect(resolutions).toEqual(['1K', '2K'])
  expect(await s.ui.getByText('Series', { exact: true }).count()).toBe(0)
  expect(await s.ui.getByLabel('Aspect ratio', { exact: true }).locator('option').first().textContent()).toBe('Auto')
  expect(await s.ui.getByTestId('model-description').innerText()).toMatch(/Omni/)
  // Roles belong to multi-image reference; Omni numbers the references instead.
  expect(await s.ui.getByRole('radio', { name: 'Scene' }).count()).toBe(0)

  const prompt = s.ui.getByLabel('Prompt', { exact: true })
  await prompt.fill('Put')
  await s.ui.getByRole('button', { name: 'Insert Bottle' }).click()
  await prompt.press('End')
  await prompt.pressSequentially('on the sand of')
  await s.ui.getByRole('button', { name: 'Insert Beach scene' }).click()
  await prompt.pressSequentially('at golden hour')
  // The prompt shows the layer names.
  expect(await prompt.inputValue()).toBe('Put [Bottle] on the sand of [Beach scene] at golden hour')
  await s.press('Generate')

  const frames = await s.waitForDocument('the result frame', (nodes) => newFrames(nodes, before, 1))
  expect(frames[0].name).toBe('Put Bottle on the sand of Beach scene at golden hour')

  expect(uploads).toHaveLength(1)
  expect(uploads[0]).toMatchObject({ operation: 'omni', model: 'kling-image-o1', prompt: 'Put <<<image_1>>> on the sand of <<<image_2>>> at golden hour' })
  const images = uploads[0].images as string[]
  expect(images).toHaveLength(2)
  const tasks = await suite.sim.tasks()
  expect(tasks).toHaveLength(1)
  expect(tasks[0].endpoint).toBe('omni-image')
  expect(tasks[0].request).toMatchObject({
    model_name: 'kling-image-o1',
    prompt: 'Put <<<image_1>>> on the sand of <<<image_2>>> at golden hour',
    image_list: images.map((image) => ({ image: sizeTag(image) })),
  })
  // The bottle (600x800, portrait 3:4) is image 1, the scene (1200x800, landscape 3:2) image 2: the uploads keep
  // the selection order (each exported at up to 2x within 2048 px).
  const ratios = images.map((image) => imageInfo(Buffer.from(image, 'base64'))!).map((i) => i.width / i.height)
  expect(ratios[0]).toBeCloseTo(600 / 800, 2)
  expect(ratios[1]).toBeCloseTo(1200 / 800, 2)
})

test('a 4K series of 3 lands as 3 frames in a row, numbered in order, downscaled to Figma’s 4096 px', { timeout: 120_000 }, async () => {
  const s = await suite.open({ scenario: 'compose' })
  const uploads = recordUploads(s)
  const before = await s.snapshot()
  const [bottle] = await selectLayers(s, ['Bottle'])
  await s.ui.getByLabel('Model', { exact: true }).selectOption('omni:kling-v3-omni')
  // Only this model offers 4K and a series; the controls appear with it.
  await s.ui.getByText('Series', { exact: true }).click()
  await s.ui.getByLabel('Frames in the series', { exact: true }).selectOption('3')
  await s.ui.getByLabel('Aspect ratio', { exact: true }).selectOption('16:9')
  await s.ui.getByLabel('Resolution', { exact: true }).selectOption('4k')
  const prompt = s.ui.getByLabel('Prompt', { exact: true })
  await s.ui.getByRole('button', { name: 'Insert Bottle' }).click()
  await prompt.pressSequentially('washed up on a beach, storyboard')
  await s.press('Generate')

  const frames = await s.waitForDocument('three series frames', (nodes) => newFrames(nodes, before, 3), 90_000)
  expect(frames.map((f) => f.name)).toEqual([
    'Bottle washed up on a beach, storyboard 1/3',
    'Bottle washed up on a beach, storyboard 2/3',
    'Bottle washed up on a beach, storyboard 3/3',
  ])
  for (const [i, frame] of frames.entries()) {
    expect(frame.y).toBe(bottle.y)
    if (i > 0) expect(frame.x).toBeGreaterThanOrEqual(frames[i - 1].x + frames[i - 1].width)
    // Kling's 4K 16:9 is 5440x3072; Figma takes at most 4096 px a side. The frame is sized to the layout (a
    // third of that, shown at 3x), as new frames are.
    expect(imageFill(frame)).toMatchObject({ imageWidth: 4096, imageHeight: 2313 })
    expect({ width: frame.width, height: frame.height }).toEqual({ width: 1365, height: 771 })
  }

  expect(uploads[0]).toMatchObject({ operation: 'omni', model: 'kling-v3-omni', result_type: 'series', series_amount: 3, resolution: '4k', aspect_ratio: '16:9' })
  expect(uploads[0]).not.toHaveProperty('n')
  const tasks = await suite.sim.tasks()
  expect(tasks).toHaveLength(1)
  expect(tasks[0].request).toMatchObject({ model_name: 'kling-v3-omni', result_type: 'series', series_amount: 3, resolution: '4k' })
  const job = (await suite.backend.listJobs(1))[0]
  expect(job.images.map((i) => [i.width, i.height])).toEqual([
    [5440, 3072],
    [5440, 3072],
    [5440, 3072],
  ])
})

test('restyle: a 600x800 frame comes back 600x800 (at the upload’s own pixel size), beside it', async () => {
  const s = await suite.open({ scenario: 'compose' })
  const uploads = recordUploads(s)
  const before = await s.snapshot()
  const [bottle] = await selectLayers(s, ['Bottle'])
  await s.ui.getByLabel('Model', { exact: true }).selectOption('image_to_image:kling-v2-new')
  // Restyle keeps the input's size: no ratio, no resolution to choose.
  expect(await s.ui.getByLabel('Aspect ratio', { exact: true }).count()).toBe(0)
  expect(await s.ui.getByLabel('Resolution', { exact: true }).count()).toBe(0)
  await s.ui.getByLabel('Prompt', { exact: true }).fill('Watercolour illustration, loose brush strokes')
  await s.press('Generate')

  const frames = await s.waitForDocument('the restyled frame', (nodes) => newFrames(nodes, before, 1))
  // The frame comes back at the bottle's 600x800, level with it and clear of the other layers; its image is
  // exactly the upload's pixel size (the layer exported at 2x: 1200x1600), which Kling's restyle keeps.
  expect(frames[0]).toMatchObject({ y: bottle.y, width: 600, height: 800 })
  expect(frames[0].x).toBeGreaterThanOrEqual(bottle.x + bottle.width)

  expect(uploads[0]).toMatchObject({ operation: 'image_to_image', model: 'kling-v2-new' })
  expect(uploads[0]).not.toHaveProperty('aspect_ratio')
  expect(uploads[0]).not.toHaveProperty('resolution')
  const upload = imageInfo(Buffer.from(String(uploads[0].image), 'base64'))!
  expect(upload.width / upload.height).toBeCloseTo(600 / 800, 3)
  expect(imageFill(frames[0])).toMatchObject({ imageWidth: upload.width, imageHeight: upload.height })
  const tasks = await suite.sim.tasks()
  expect(tasks).toHaveLength(1)
  expect(tasks[0]).toMatchObject({ endpoint: 'generations', model_name: 'kling-v2-new', width: upload.width, height: upload.height })
  expect(tasks[0].request).not.toHaveProperty('aspect_ratio')
  expect(tasks[0].request).not.toHaveProperty('resolution')
  const job = (await suite.backend.listJobs(1))[0]
  expect(job.images.map((i) => [i.width, i.height])).toEqual([[upload.width, upload.height]])
})
