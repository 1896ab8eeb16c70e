import { beforeEach, describe, expect, it } from 'vitest'
import { call, createJob, resetWorld } from './helpers'

beforeEach(() => resetWorld())

describe('GET /v1/jobs', () => {
  it("lists only the caller's jobs, newest first, page by page with an opaque cursor", async () => {
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await createJob({ operation: 'generate', prompt: `p${i}` })).body.id)
    await createJob({ operation: 'generate', prompt: 'bob' }, { as: 'bob' })
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const reply: any = await call(`/v1/jobs?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      expect(reply.status).toBe(200)
      seen.push(...reply.body.jobs.map((j: { id: string }) => j.id))
      cursor = reply.body.next_cursor
      pages++
    } while (cursor)
    expect(pages).toBe(3)
    expect(seen).toEqual([...ids].reverse())
  })

  it('defaults to 20 and says when there is no next page', async () => {
    await createJob({ operation: 'generate', prompt: 'p' })
    const reply = await call('/v1/jobs')
    expect(reply.body.jobs).toHaveLength(1)
    expect(reply.body.next_cursor).toBeNull()
    expect((await call('/v1/jobs', { as: 'bob' })).body).toEqual({ jobs: [], next_cursor: null })
  })

  it('validates limit and cursor', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=2.5', 'cursor=garbage', 'page=2']) {
      const reply = await call(`/v1/jobs?${query}`)
      expect(reply.status, query).toBe(400)
      expect(reply.body.error.code).toBe('invalid_request')
      expect(reply.body.error.details[0].path).toBe(query.split('=')[0])
    }
  })

  it('answers 401 without a token', async () => {
    expect((await call('/v1/jobs', { as: null })).status).toBe(401)
  })
})
