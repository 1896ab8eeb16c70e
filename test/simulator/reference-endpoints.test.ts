import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startKlingSimulator, type KlingSimulator } from './kling-simulator'
import { decodeImage } from './private/image-codecs'
import { buildPng, patternPixel } from './fixtures/build-png'
import { buildSolidJpeg } from './fixtures/build-solid-jpeg'
import { download, SimClient, type Endpoint } from './fixtures/sim-client'

// /v1/images/multi-image2image (kling-upstream.md §2.5) and /v1/images/omni-image (§2.4), as strictly as the others.

let sim: KlingSimulator
let client: SimClient
const png = (w = 400, h = 300) => buildPng(w, h, patternPixel).toString('base64')
const jpeg = (w = 600, h = 800, rgb: [number, number, number] = [200, 40, 90]) => Buffer.from(buildSolidJpeg(w, h, rgb)).toString('base64')

beforeAll(async () => {
  sim = await startKlingSimulator({ delayMs: 5 })
  client = new SimClient(sim.url)
})
afterAll(() => sim.close())
beforeEach(() => client.reset())

async function rejected(endpoint: Endpoint, body: unknown): Promise<{ status: number; code: number; message: string }> {
  const answer = await client.call(`POST`, endpointPath(endpoint), body)
  return { status: answer.status, code: answer.body.code, message: answer.body.message }
}
const endpointPath = (endpoint: Endpoint) => (endpoint === 'omni-image' ? '/v1/images/omni-image' : '/v1/images/multi-image2image')

async function succeeded(endpoint: Endpoint, body: Record<string, unknown>) {
  const id = await client.createOk(endpoint, body)
  return client.waitForStatus(endpoint, id, 'succeed')
}

async function sizes(urls: string[]): Promise<[number, number][]> {
  return Promise.all(
    urls.map(async (url) => {
      const raster = decodeImage((await download(url)).bytes, 'png')
      return [raster.width, raster.height] as [number, number]
    }),
  )
}

describe('POST /v1/images/multi-image2image', () => {
  it('takes 1 to 4 subjects, a scene and a style, and answers n images at the ratio asked', async () => {
    const task = await succeeded('multi-image2image', {
      model_name: 'kling-v2-1',
      prompt: 'the cup on the table',
      negative_prompt: 'blur',
      subject_image_list: [{ subject_image: png() }, { subject_image: jpeg() }, { subject_image: png(300, 300) }],
      scene_image: jpeg(800, 600),
      style_image: png(),
      n: 2,
      aspect_ratio: '4:3',
      external_task_id: 'ext-multi',
    })
    expect(task.task_result.images?.map((i) => i.index)).toEqual([0, 1])
    expect(await sizes(task.task_result.images!.map((i) => i.url))).toEqual([[1168, 880], [1168, 880]])
    expect(task.final_unit_deduction).toBe('2')
    const [admin] = await client.tasks()
    expect(admin).toMatchObject({ endpoint: 'multi-image2image', model_name: 'kling-v2-1', n: 2 })
    expect(admin.request.subject_image_list).toHaveLength(3)
  })

  it('defaults to kling-v2 and 16:9, and is read back by task id, external_task_id and in its own list only', async () => {
    const id = await client.createOk('multi-image2image', { subject_image_list: [{ subject_image: png() }], external_task_id: 'ext-m' })
    const task = await client.waitForStatus('multi-image2image', 'ext-m', 'succeed')
    expect(task.task_id).toBe(id)
    expect(await sizes([task.task_result.images![0].url])).toEqual([[1360, 768]])
    expect((await client.tasks())[0].model_name).toBe('kling-v2')
    expect((await client.call('GET', `/v1/images/generations/${id}`)).body.code).toBe(1203)
    const list = await client.call<{ task_id: string }[]>('GET', '/v1/images/multi-image2image?pageNum=1&pageSize=10')
    expect(list.body.data.map((t) => t.task_id)).toEqual([id])
  })

  it.each<[string, Record<string, unknown>, number, string]>([
    ['no subject_image_list', { prompt: 'p' }, 1200, 'subject_image_list is required'],
    ['an empty subject list', { subject_image_list: [] }, 1200, 'at least 1'],
    ['five subjects', { subject_image_list: Array.from({ length: 5 }, () => ({ subject_image: 'QQ==' })) }, 1201, 'more than 4'],
    ['a subject entry with another key', { subject_image_list: [{ image: 'QQ==' }] }, 1201, 'unknown parameter: subject_image_list[0].image'],
    ['resolution (not a field of this endpoint)', { subject_image_list: [{ subject_image: 'QQ==' }], resolution: '1k' }, 1201, 'unknown parameter: resolution'],
    ['a generations model', { model_name: 'kling-v3', subject_image_list: [{ subject_image: 'QQ==' }] }, 1201, 'model_name must be one of kling-v2, kling-v2-1'],
    ['an omni model', { model_name: 'kling-image-o1', subject_image_list: [{ subject_image: 'QQ==' }] }, 1201, 'model_name'],
    ['aspect_ratio auto', { subject_image_list: [{ subject_image: 'QQ==' }], aspect_ratio: 'auto' }, 1201, 'aspect_ratio'],
    ['a data: URL subject', { subject_image_list: [{ subject_image: `data:image/png;base64,${png()}` }] }, 1201, 'subject_image_list[0].subject_image must be raw base64'],
    ['a small scene image', { subject_image_list: [{ subject_image: png() }], scene_image: png(200, 200) }, 1201, 'scene_image is too small'],
  ])('rejects %s', async (_name, body, code, message) => {
    const answer = await rejected('multi-image2image', body)
    expect([answer.status, answer.code]).toEqual([400, code])
    expect(answer.message).toContain(message)
    expect(await client.tasks()).toEqual([])
  })
})

describe('POST /v1/images/omni-image', () => {
  it('kling-image-o1 by default: image_list in order, auto ratio follows the first image, n images', async () => {
    const task = await succeeded('omni-image', {
      prompt: 'put <<<image_2>>> into <<<image_1>>>',
      image_list: [{ image: jpeg(600, 800) }, { image: png() }],
      n: 3,
    })
    expect(task.task_result.images).toHaveLength(3)
    // 600x800 is nearest to 3:4: 880x1168 at 1k.
    expect(await sizes(task.task_result.images!.map((i) => i.url))).toEqual(Array(3).fill([880, 1168]))
    expect((await client.tasks())[0]).toMatchObject({ endpoint: 'omni-image', model_name: 'kling-image-o1' })
  })

  it('kling-v3-omni makes a series of series_amount images (n ignored)', async () => {
    const series = await succeeded('omni-image', {
      model_name: 'kling-v3-omni',
      prompt: 'a storyboard',
      result_type: 'series',
      series_amount: 3,
      n: 1,
      aspect_ratio: '16:9',
    })
    expect(series.task_result.images?.map((i) => i.index)).toEqual([0, 1, 2])
    expect(series.final_unit_deduction).toBe('3')
  })

  it('a series holds series_amount concurrency slots', async () => {
    await client.configure({ concurrency: 4, delayMs: 5000 })
    await client.createOk('omni-image', { model_name: 'kling-v3-omni', prompt: 'p', result_type: 'series', series_amount: 3, aspect_ratio: '1:1' })
    expect((await rejected('omni-image', { prompt: 'p', n: 2, aspect_ratio: '1:1' })).code).toBe(1303)
  })

  it.each<[string, Record<string, unknown>, number, string]>([
    ['no prompt', { image_list: [] }, 1200, 'prompt is required'],
    ['a reference past the last image', { prompt: '<<<image_1>>> and <<<image_2>>>', image_list: [{ image: 'QQ==' }] }, 1201, '<<<image_2>>>'],
    ['a reference with no images', { prompt: 'like <<<image_1>>>', aspect_ratio: '1:1' }, 1201, '<<<image_1>>>'],
    ['<<<image_0>>>', { prompt: '<<<image_0>>>', image_list: [{ image: 'QQ==' }] }, 1201, '<<<image_0>>>'],
    ['series on kling-image-o1', { prompt: 'p', result_type: 'series', series_amount: 3, aspect_ratio: '1:1' }, 1201, 'series is not supported by kling-image-o1'],
    ['4k on kling-image-o1', { prompt: 'p', resolution: '4k', aspect_ratio: '1:1' }, 1201, 'resolution 4k is not supported by kling-image-o1'],
    ['auto without images on kling-image-o1', { prompt: 'p' }, 1201, 'aspect_ratio auto is not supported by kling-image-o1'],
    ['a series without series_amount', { model_name: 'kling-v3-omni', prompt: 'p', result_type: 'series' }, 1200, 'series_amount is required'],
    ['series_amount 10', { model_name: 'kling-v3-omni', prompt: 'p', result_type: 'series', series_amount: 10 }, 1201, 'series_amount'],
    ['a generations model', { model_name: 'kling-v3', prompt: 'p', aspect_ratio: '1:1' }, 1201, 'model_name must be one of kling-image-o1, kling-v3-omni'],
    ['image_list entries with another key', { prompt: 'p', image_list: [{ url: 'x' }] }, 1201, 'unknown parameter: image_list[0].url'],
    ['an unknown field', { prompt: 'p', negative_prompt: 'n', aspect_ratio: '1:1' }, 1201, 'unknown parameter: negative_prompt'],
    ['11 images', { prompt: 'p', image_list: Array.from({ length: 11 }, () => ({ image: 'QQ==' })) }, 1201, 'cannot exceed 10'],
    ['an undecodable JPEG', { prompt: 'p', image_list: [{ image: Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, 1, 44, 1, 44, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]).toString('base64') }] }, 1201, 'could not be decoded as jpeg'],
  ])('rejects %s', async (_name, body, code, message) => {
    const answer = await rejected('omni-image', body)
    expect([answer.status, answer.code]).toEqual([400, code])
    expect(answer.message).toContain(message)
    expect(await client.tasks()).toEqual([])
  })
})

describe('callbacks and restyle', () => {
  let receiver: Server
  const received: Record<string, unknown>[] = []
  beforeAll(async () => {
    receiver = createServer(async (req, res) => {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      received.push(JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>)
      res.writeHead(200).end('ok')
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  })
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())))

  it('omni tasks call back with the flat body, final_unit_deduction and images', async () => {
    received.length = 0
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cb`
    const id = await client.createOk('omni-image', { model_name: 'kling-v3-omni', prompt: 'p', aspect_ratio: '1:1', n: 2, callback_url: url })
    await client.waitForStatus('omni-image', id, 'succeed')
    await expect.poll(() => received.find((b) => b.task_status === 'succeed'), { timeout: 3000 }).toMatchObject({
      task_id: id,
      final_unit_deduction: '2',
      task_result: { images: [{ index: 0 }, { index: 1 }] },
    })
  })

  it('restyle (kling-v2-new) answers at the input pixel size and takes neither ratio nor resolution', async () => {
    const id = await client.createOk('generations', { model_name: 'kling-v2-new', prompt: 'as a watercolour', image: jpeg(600, 800) })
    const task = await client.waitForStatus('generations', id, 'succeed')
    expect(await sizes([task.task_result.images![0].url])).toEqual([[600, 800]])
    for (const extra of [{ resolution: '1k' }, { aspect_ratio: '3:4' }]) {
      const answer = await client.call('POST', '/v1/images/generations', { model_name: 'kling-v2-new', prompt: 'p', image: jpeg(), ...extra })
      expect([answer.status, answer.body.code]).toEqual([400, 1201])
    }
  })
})

describe('4K', () => {
  it('kling-v3-omni renders 4K at the §8 size and bills it double', async () => {
    const fourK = await succeeded('omni-image', { model_name: 'kling-v3-omni', prompt: 'p', resolution: '4k', aspect_ratio: '21:9' })
    expect(await sizes([fourK.task_result.images![0].url])).toEqual([[6272, 2688]])
    expect(fourK.final_unit_deduction).toBe('2')
  }, 30_000)
})
