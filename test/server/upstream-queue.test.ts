import { beforeEach, describe, expect, it } from 'vitest'
import { readConfig } from '../../server/config'
import type { Env } from '../../server/env'
import { upstreamStubAsync } from '../../server/upstream/upstream-stub'
import { call, createJob, env, getJob, resetWorld, SIM_URL, simConfig, simStats, simTasks, type JobOrError, type Owner } from './helpers'

/** The seller account has 4 slots and the Worker knows it: a 5th image at once would be refused with 1303. */
const FOUR_SLOTS = { UPSTREAM_CONCURRENCY: '4' }

beforeEach(() => resetWorld({ delayMs: 600, concurrency: 4 }))

const generate = (n: number) => ({ operation: 'generate', prompt: 'a quiet harbour', aspect_ratio: '1:1', n })
const create = (n: number, as: Owner = 'alice', vars: Record<string, string> = FOUR_SLOTS) => createJob(generate(n), { as, env: vars })
const finish = async (job: JobOrError, as: Owner = 'alice') => (await getJob(job.id, 25, { as, env: FOUR_SLOTS })).body
const refusals = async () => (await simStats()).requests.filter((r) => r.code === 1303).length

async function upstreamStats() {
  const result = readConfig({ ...env, ...FOUR_SLOTS } as Env)
  if (!result.ok) throw new Error(result.reason)
  return (await upstreamStubAsync(env, result.config)).stats()
}

describe('the upstream queue (simulator at 4 slots)', () => {
  it('runs 6 jobs of n = 2 created at once: all succeed, never over the slots, slots all given back', async () => {
    const created = await Promise.all([1, 2, 3, 4, 5, 6].map(() => create(2)))
    expect(created.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 202])
    expect(created.filter((r) => r.body.queue_position !== null)).toHaveLength(4)
    const done = await Promise.all(created.map((r) => finish(r.body)))
    for (const job of done) {
      expect(job.status).toBe('succeeded')
      expect(job.images.map((i) => i.index)).toEqual([0, 1])
      expect(job.queue_position).toBeNull()
    }
    expect(await refusals()).toBe(0)
    expect(await simTasks()).toHaveLength(6)
    expect(await upstreamStats()).toMatchObject({ limit: 4, used: 0, waiting: 0, leased: 0 })
  })

  it('splits a job of n = 6 into tasks that fit, and numbers its 6 images in order', async () => {
    const created = await create(6)
    const job = await finish(created.body)
    expect(job.status).toBe('succeeded')
    expect(job.images.map((i) => i.index)).toEqual([0, 1, 2, 3, 4, 5])
    const tasks = (await simTasks()).sort((a, b) => a.task_id.localeCompare(b.task_id))
    expect(tasks.map((t) => [t.external_task_id, t.request.n])).toEqual([
      [created.body.id, 4],
      [`${created.body.id}-1`, 2],
    ])
    // Image 4 is the second task's first image, byte for byte.
    const stored = await env.IMAGES.get(`jobs/${created.body.id}/4`)
    const upstream = await fetch(`${SIM_URL}/cdn/${tasks[1].task_id}/0.png`)
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(new Uint8Array(await upstream.arrayBuffer()))
    expect(await refusals()).toBe(0)
  })

  it("does not let one owner's 8 queued jobs starve another owner's single job", async () => {
    const alice = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(() => create(2)))
    const bob = await create(2, 'bob')
    // Round robin: alice was served last, so bob is next, not behind her six waiting jobs.
    expect(bob.body.queue_position).toBe(1)
    const bobDone = await finish(bob.body, 'bob')
    expect(bobDone.status).toBe('succeeded')
    const aliceDone = await Promise.all(alice.map((r) => finish(r.body)))
    expect(aliceDone.every((j) => j.status === 'succeeded')).toBe(true)
    const before = aliceDone.filter((j) => j.updated_at < bobDone.updated_at).length
    expect(before).toBeLessThanOrEqual(3)
    expect(await refusals()).toBe(0)
  })

  it('puts a task the seller refuses with 1303 back at the head of the queue, and it succeeds later', async () => {
    // The account is shared with other software: it has 2 slots free where the Worker believes it has 4.
    await simConfig({ concurrency: 2, delayMs: 3000 })
    const first = await create(2)
    const second = await create(2)
    expect(first.body.queue_position).toBeNull()
    expect(second.status).toBe(202)
    expect(second.body).toMatchObject({ status: 'queued', queue_position: 1, error: null })
    expect(await refusals()).toBeGreaterThan(0)
    const [a, b] = await Promise.all([finish(first.body), finish(second.body)])
    expect([a.status, b.status]).toEqual(['succeeded', 'succeeded'])
    expect((await simTasks()).map((t) => t.external_task_id).sort()).toEqual([first.body.id, second.body.id].sort())
  })

  it("reports each queued job's queue_position, and its end, through /v1/changes", async () => {
    let cursor = (await call('/v1/changes', { env: FOUR_SLOTS })).body.cursor
    const created = await Promise.all([1, 2, 3, 4].map(() => create(2)))
    const waiting = created.filter((r) => r.body.queue_position !== null).map((r) => r.body.id)
    expect(waiting).toHaveLength(2)
    const seen = new Map<string, (number | null)[]>()
    const done = new Set<string>()
    for (let i = 0; i < 40 && done.size < created.length; i++) {
      const reply = await call(`/v1/changes?after=${cursor}&wait=10`, { env: FOUR_SLOTS })
      cursor = reply.body.cursor
      for (const job of reply.body.jobs as JobOrError[]) {
        seen.set(job.id, [...(seen.get(job.id) ?? []), job.queue_position])
        if (job.status === 'succeeded') done.add(job.id)
      }
    }
    expect(done.size).toBe(4)
    for (const id of waiting) {
      const positions = seen.get(id)!
      expect(positions.some((p) => p !== null)).toBe(true)
      expect(positions[positions.length - 1]).toBeNull()
    }
  })

  it('shows the slot count in capabilities', async () => {
    const caps = await createJob(generate(1), { env: FOUR_SLOTS }).then(() => import('./helpers').then((h) => h.call('/v1/capabilities', { env: FOUR_SLOTS })))
    expect(caps.body.upstream).toEqual({ concurrency: 4 })
  })
})
