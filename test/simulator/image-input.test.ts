import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startKlingSimulator, type KlingSimulator } from './kling-simulator'
import { buildJpegHeader } from './fixtures/build-jpeg-header'
import { buildSolidJpeg } from './fixtures/build-solid-jpeg'
import { buildPng, patternPixel } from './fixtures/build-png'
import { SimClient } from './fixtures/sim-client'

let sim: KlingSimulator
let client: SimClient
let files: Server
let filesUrl = ''
const png = buildPng(400, 300, patternPixel)

beforeAll(async () => {
  sim = await startKlingSimulator({ delayMs: 50 })
  client = new SimClient(sim.url)
  // A local "image host" so URL inputs can be exercised offline.
  files = createServer((req, res) => {
    if (req.url === '/ok.png') res.writeHead(200, { 'Content-Type': 'image/png' }).end(png)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve))
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`
})
afterAll(async () => {
  await sim.close()
  await new Promise((resolve) => files.close(resolve))
})
beforeEach(() => client.reset())

const b64 = (bytes: Buffer) => bytes.toString('base64')

describe('image inputs (kling-upstream.md §6), same rules on both endpoints', () => {
  const cases: [string, string, string][] = [
    ['data: URL prefix', `data:image/png;base64,${b64(png)}`, 'without a data: prefix'],
    ['not base64', 'this is not base64!', 'neither a URL nor valid base64'],
    ['base64url alphabet', b64(png).replace(/\+/g, '-').replace(/\//g, '_') + '-_', 'valid base64'],
    ['GIF', b64(Buffer.from('GIF89a' + '\0'.repeat(100))), 'only jpg, jpeg and png'],
    ['WebP', b64(Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 '), Buffer.alloc(64)])), 'only jpg, jpeg and png'],
    ['truncated PNG', b64(png.subarray(0, 20)), 'could not be decoded'],
    ['corrupt PNG data', b64(Buffer.concat([png.subarray(0, 41), Buffer.alloc(png.length - 41, 7)])), 'could not be decoded as png'],
    ['PNG 299 px wide', b64(buildPng(299, 400, patternPixel)), 'too small: 299x400'],
    ['PNG 300x299', b64(buildPng(300, 299, patternPixel)), 'at least 300px'],
    ['JPEG 250 px high', b64(buildJpegHeader(600, 250)), 'too small'],
    ['aspect 2.6:1', b64(buildPng(780, 300, patternPixel)), 'aspect ratio 2.600'],
    ['aspect 1:2.6', b64(buildJpegHeader(300, 780)), 'aspect ratio'],
    ['JPEG without frame header', b64(Buffer.from([0xff, 0xd8, 0xff, 0xd9, 0, 0])), 'could not be decoded as jpeg'],
    ['over 10 MB', b64(buildJpegHeader(1000, 1000, 10 * 1024 * 1024 + 1)), 'exceeds 10MB'],
    ['remote URL (offline)', 'https://p1-kling.klingai.com/kcdn/dog.png', 'only fetches 127.0.0.1'],
  ]

  it.each(cases)('generations: %s → 1201', async (_name, image, message) => {
    const answer = await client.create('generations', { prompt: 'p', model_name: 'kling-v3', image })
    expect([answer.status, answer.body.code]).toEqual([400, 1201])
    expect(answer.body.message).toContain(message)
  })

  it.each(cases)('expand: %s → 1201', async (_name, image, message) => {
    const answer = await client.create('expand', { image, up_expansion_ratio: 0.2 })
    expect([answer.status, answer.body.code]).toEqual([400, 1201])
    expect(answer.body.message).toContain(message)
  })

  it('a local URL that 404s → 1201', async () => {
    const answer = await client.create('generations', { prompt: 'p', model_name: 'kling-v3', image: `${filesUrl}/missing.png` })
    expect(answer.body.code).toBe(1201)
    expect(answer.body.message).toContain('could not be downloaded: HTTP 404')
  })

  it.each<[string, () => string]>([
    ['PNG at the limits (300x750, aspect 0.4)', () => b64(buildPng(300, 750, patternPixel))],
    ['PNG aspect 2.5 (750x300)', () => b64(buildPng(750, 300, patternPixel))],
    ['a JPEG', () => b64(Buffer.from(buildSolidJpeg(1024, 768, [30, 60, 90])))],
    ['JPEG of exactly 10 MB', () => b64(Buffer.from(buildSolidJpeg(1000, 1000, [30, 60, 90], 10 * 1024 * 1024)))],
    ['a 127.0.0.1 URL', () => `${filesUrl}/ok.png`],
  ])('accepts %s', async (_name, image) => {
    const answer = await client.create('generations', { prompt: 'p', model_name: 'kling-v3', image: image() })
    expect(answer.body).toMatchObject({ code: 0 })
  })

  it('logs base64 images as <base64 N bytes> in stats and tasks', async () => {
    await client.createOk('generations', { prompt: 'p', model_name: 'kling-v3', image: b64(png) })
    const stats = await client.stats()
    expect(stats.requests[0].body).toEqual({ prompt: 'p', model_name: 'kling-v3', image: `<base64 ${png.length} bytes>` })
    const [task] = await client.tasks()
    expect(task.request.image).toBe(`<base64 ${png.length} bytes>`)
  })
})
