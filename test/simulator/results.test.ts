import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startKlingSimulator, type KlingSimulator } from './kling-simulator'
import { decodeImage } from './private/image-codecs'
import { buildSolidJpeg } from './fixtures/build-solid-jpeg'
import { buildPng, patternPixel } from './fixtures/build-png'
import { inspectPng } from './fixtures/read-png'
import { download, SimClient, type Endpoint } from './fixtures/sim-client'

const decodePng = (bytes: Uint8Array) => decodeImage(bytes, 'png')

let sim: KlingSimulator
let client: SimClient

beforeAll(async () => {
  sim = await startKlingSimulator({ delayMs: 5 })
  client = new SimClient(sim.url)
})
afterAll(() => sim.close())
beforeEach(() => client.reset())

/** Creates a task, waits for succeed, downloads image `index`. */
async function resultPng(endpoint: Endpoint, body: Record<string, unknown>, index = 0): Promise<Buffer> {
  const id = await client.createOk(endpoint, body)
  const task = await client.waitForStatus(endpoint, id, 'succeed')
  const url = task.task_result.images?.[index]?.url
  if (!url) throw new Error('no image url')
  const file = await download(url)
  expect(file.status).toBe(200)
  expect(file.type).toBe('image/png')
  expect(file.length).toBe(String(file.bytes.length))
  return file.bytes
}

describe('result images are real PNGs at the documented sizes (kling-upstream.md §8)', () => {
  it('16:9 1k (the defaults) is a valid 1360x768 8-bit RGB PNG that fully inflates', async () => {
    const png = await resultPng('generations', { prompt: 'a fox', model_name: 'kling-v3' })
    const info = inspectPng(png)
    expect(info).toEqual({ width: 1360, height: 768, bitDepth: 8, colorType: 2, inflatedBytes: 768 * (1 + 1360 * 3) })
    const raster = decodePng(png)
    expect(raster?.width).toBe(1360)
    // Not a flat fill: the gradient's corners differ.
    const corner = (x: number, y: number) => Array.from(raster?.data.subarray((y * 1360 + x) * 3, (y * 1360 + x) * 3 + 3) ?? [])
    expect(corner(0, 0)).not.toEqual(corner(1359, 767))
  })

  it.each<[string, string, number, number]>([
    ['9:16', '1k', 768, 1360],
    ['1:1', '2k', 2048, 2048],
    ['21:9', '1k', 1552, 656],
    ['3:2', '2k', 2496, 1664],
  ])('%s %s → %ix%i', async (aspect_ratio, resolution, width, height) => {
    const png = await resultPng('generations', { prompt: 'p', model_name: 'kling-v3', aspect_ratio, resolution })
    expect(inspectPng(png)).toMatchObject({ width, height })
  })

  it('each index is a different picture; re-downloads return identical bytes', async () => {
    const id = await client.createOk('generations', { prompt: 'p', model_name: 'kling-v3', n: 2 })
    await client.waitForStatus('generations', id, 'succeed')
    const [a, b, again] = await Promise.all([download(`${sim.url}/cdn/${id}/0.png`), download(`${sim.url}/cdn/${id}/1.png`), download(`${sim.url}/cdn/${id}/0.png`)])
    expect(a.bytes.equals(b.bytes)).toBe(false)
    expect(a.bytes.equals(again.bytes)).toBe(true)
    expect((await download(`${sim.url}/cdn/${id}/2.png`)).status).toBe(404)
    expect((await download(`${sim.url}/cdn/${id}/0-wm.png`)).status).toBe(404)
  })

  it('image-to-image: table size (kling-v3), input size for restyle (kling-v2-new)', async () => {
    const image = buildPng(640, 480, patternPixel).toString('base64')
    expect(inspectPng(await resultPng('generations', { prompt: 'p', model_name: 'kling-v3', image, aspect_ratio: '4:3' }))).toMatchObject({ width: 1168, height: 880 })
    expect(inspectPng(await resultPng('generations', { prompt: 'p', model_name: 'kling-v2-new', image }))).toMatchObject({ width: 640, height: 480 })
  })

  it('no image exists before succeed, or for failed tasks', async () => {
    await client.configure({ delayMs: 60_000 })
    const id = await client.createOk('generations', { prompt: 'p', model_name: 'kling-v3' })
    expect((await download(`${sim.url}/cdn/${id}/0.png`)).status).toBe(404)
    const failed = await client.createOk('generations', { prompt: 'unsafe', model_name: 'kling-v3' })
    await client.finish(failed)
    expect((await download(`${sim.url}/cdn/${failed}/0.png`)).status).toBe(404)
  })

  it('the watermark_url variant is a different PNG of the same size', async () => {
    const id = await client.createOk('generations', { prompt: 'p', model_name: 'kling-v3', watermark_info: { enabled: true } })
    const task = await client.waitForStatus('generations', id, 'succeed')
    const plain = await download(task.task_result.images?.[0].url ?? '')
    const marked = await download(task.task_result.images?.[0].watermark_url ?? '')
    expect(inspectPng(marked.bytes)).toMatchObject({ width: 1360, height: 768 })
    expect(marked.bytes.equals(plain.bytes)).toBe(false)
  })

  it('a 1360x768 image is served well under 200 ms', async () => {
    const id = await client.createOk('generations', { prompt: 'timing', model_name: 'kling-v3' })
    await client.waitForStatus('generations', id, 'succeed')
    const started = performance.now()
    await download(`${sim.url}/cdn/${id}/0.png`)
    expect(performance.now() - started).toBeLessThan(200)
  })
})

describe('expand results', () => {
  it('grow by the ratios and keep the original pixels in place', async () => {
    const W = 400
    const H = 300
    const input = buildPng(W, H, patternPixel, { filter: 4 })
    const png = await resultPng('expand', {
      image: input.toString('base64'),
      up_expansion_ratio: 0.25,
      down_expansion_ratio: 0.1,
      left_expansion_ratio: 0.5,
      right_expansion_ratio: 0.3,
      n: 2,
    }, 1)
    const out = decodePng(png)
    if (!out) throw new Error('undecodable result')
    expect([out.width, out.height]).toEqual([Math.round(W * 1.8), Math.round(H * 1.35)])
    const ox = Math.round(0.5 * W)
    const oy = Math.round(0.25 * H)
    let mismatches = 0
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = ((oy + y) * out.width + ox + x) * 3
        const expected = patternPixel(x, y)
        if (out.data[i] !== expected[0] || out.data[i + 1] !== expected[1] || out.data[i + 2] !== expected[2]) mismatches++
      }
    }
    expect(mismatches).toBe(0)
    // The border is painted (not black) around the original.
    expect(Array.from(out.data.subarray(0, 3))).not.toEqual([0, 0, 0])
  })

  it('zero ratios return the input size; RGBA and palette inputs are composited and pasted', async () => {
    const rgba = buildPng(320, 300, (x, y) => [x & 0xff, y & 0xff, 9, 255], { colorType: 6, filter: 1 })
    const out = decodePng(await resultPng('expand', { image: rgba.toString('base64') }))
    expect([out?.width, out?.height]).toEqual([320, 300])
    expect(Array.from(out?.data.subarray((10 * 320 + 20) * 3, (10 * 320 + 20) * 3 + 3) ?? [])).toEqual([20, 10, 9])

    const palette = [[10, 20, 30], [200, 100, 50]] as const
    const indexed = buildPng(300, 300, (x) => [x % 2], { colorType: 3, palette, filter: 2 })
    const wide = decodePng(await resultPng('expand', { image: indexed.toString('base64'), right_expansion_ratio: 1 }))
    expect([wide?.width, wide?.height]).toEqual([600, 300])
    expect(Array.from(wide?.data.subarray(0, 6) ?? [])).toEqual([10, 20, 30, 200, 100, 50])
  })

  it('JPEG inputs are decoded and pasted like PNGs (no grey placeholder)', async () => {
    const jpeg = Buffer.from(buildSolidJpeg(400, 400, [200, 40, 90]))
    const out = decodePng(await resultPng('expand', { image: jpeg.toString('base64'), up_expansion_ratio: 0.5 }))
    expect([out.width, out.height]).toEqual([400, 600])
    const i = ((200 + 200) * 400 + 200) * 3
    Array.from(out.data.subarray(i, i + 3)).forEach((v, k) => expect(Math.abs(v - [200, 40, 90][k])).toBeLessThanOrEqual(3))
  })
})
