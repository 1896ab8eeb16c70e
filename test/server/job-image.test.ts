import { beforeEach, describe, expect, it } from 'vitest'
import { imageInfo } from '../../shared/image/image-info'
import { callRaw, createJob, getJob, resetWorld, TOKENS } from './helpers'

beforeEach(() => resetWorld())

const get = (path: string, token: string | null = TOKENS.alice) =>
  callRaw(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} })

describe('GET /v1/jobs/{id}/images/{index}', () => {
  it('serves the stored bytes with type, length and an immutable private cache policy', async () => {
    const created = await createJob({ operation: 'generate', prompt: 'p', aspect_ratio: '9:16' })
    const job = (await getJob(created.body.id, 10)).body
    const response = await get(new URL(job.images[0].url).pathname)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('image/png')
    expect(response.headers.get('Cache-Control')).toBe('private, max-age=31536000, immutable')
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect(Number(response.headers.get('Content-Length'))).toBe(bytes.length)
    expect(imageInfo(bytes)).toMatchObject({ width: 768, height: 1360 })
  })

  it("answers 404 for another owner, an index out of range and a job that has not succeeded", async () => {
    const done = await createJob({ operation: 'generate', prompt: 'p' })
    await getJob(done.body.id, 10)
    const pending = await createJob({ operation: 'generate', prompt: 'p' })
    for (const [path, token] of [
      [`/v1/jobs/${done.body.id}/images/0`, TOKENS.bob],
      [`/v1/jobs/${done.body.id}/images/1`, TOKENS.alice],
      [`/v1/jobs/${pending.body.id}/images/0`, TOKENS.alice],
    ] as const) {
      const response = await get(path, token)
      expect(response.status).toBe(404)
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found')
    }
  })

  it('answers 400 for an index that is not a number, and 401 without a token', async () => {
    const done = await createJob({ operation: 'generate', prompt: 'p' })
    const bad = await get(`/v1/jobs/${done.body.id}/images/first`)
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as any).error.details).toEqual([expect.objectContaining({ path: 'index' })])
    expect((await get(`/v1/jobs/${done.body.id}/images/0`, null)).status).toBe(401)
  })
})
