import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ownerMemory, type OwnerObject } from '../../server/owner/owner-object'
import { ownerStub } from '../../server/upstream/upstream-stub'
import { runInDurableObject } from 'cloudflare:test'
import { call, createJob, env, getJob, inOwner, ownerSql, resetWorld, runOwnerAlarm, simConfig } from './helpers'

beforeEach(() => resetWorld())

const DAY_MS = 24 * 60 * 60 * 1000

/** Moves a finished job's end `days` into the past, then restarts the owner's object (memory rebuilt from storage). */
async function ageJob(id: string, days: number): Promise<void> {
  await ownerSql('alice', 'UPDATE jobs SET updated_at = updated_at - ? WHERE id = ?', days * DAY_MS, id)
  await runInDurableObject(ownerStub(env, 'alice'), (instance: OwnerObject, state) => {
    Reflect.set(instance, 'mem', ownerMemory(state.storage.sql))
  })
}

async function finishedJob(body: Record<string, unknown> = {}): Promise<{ id: string; images: { url: string }[] }> {
  const created = await createJob({ operation: 'generate', prompt: 'p', ...body })
  const job = (await getJob(created.body.id, 10)).body
  expect(job.status).toBe('succeeded')
  return { id: job.id, images: job.images }
}

describe('retention of finished jobs (JOB_RETENTION_DAYS, default 90, run by the alarm)', () => {
  it('sets the alarm for when the oldest finished job is due, with nothing else to do', async () => {
    const { id } = await finishedJob()
    const [row] = await ownerSql<{ updated_at: number }>('alice', 'SELECT updated_at FROM jobs WHERE id = ?', id)
    // An alarm set for the job's next read may run first (alarms only ever move earlier); then this one is set.
    await vi.waitFor(async () => expect(await inOwner('alice', (_mem, state) => state.storage.getAlarm())).toBe(row.updated_at + 90 * DAY_MS), { timeout: 8000 })
  })

  it('deletes a job, its tasks, its key and its images past the retention; younger and running jobs stay', async () => {
    const old = await finishedJob({ n: 2 })
    const young = await finishedJob()
    await simConfig({ delayMs: 60_000 })
    const running = (await createJob({ operation: 'generate', prompt: 'still running' }, { headers: { 'Idempotency-Key': 'k-running' } })).body
    for (const index of [0, 1]) expect(await env.IMAGES.head(`jobs/${old.id}/${index}`)).not.toBeNull()

    await ageJob(old.id, 91)
    await ageJob(young.id, 89)
    await runOwnerAlarm()

    // The old job is gone everywhere a client could reach it…
    expect((await getJob(old.id)).status).toBe(404)
    expect((await call(new URL(old.images[0].url).pathname)).status).toBe(404)
    for (const index of [0, 1]) expect(await env.IMAGES.head(`jobs/${old.id}/${index}`)).toBeNull()
    expect(await ownerSql('alice', 'SELECT * FROM tasks WHERE job_id = ?', old.id)).toEqual([])
    // …the history lists the rest, newest first…
    expect((await call('/v1/jobs')).body.jobs.map((j: { id: string }) => j.id)).toEqual([running.id, young.id])
    // …and the younger job keeps its image.
    expect((await call(new URL(young.images[0].url).pathname)).status).toBe(200)
    expect((await getJob(running.id)).body.status).toBe('queued')
    const replay = await createJob({ operation: 'generate', prompt: 'still running' }, { headers: { 'Idempotency-Key': 'k-running' } })
    expect(replay.status).toBe(200)
    expect(replay.body.id).toBe(running.id)

    // The next alarm is due when the younger job reaches the retention.
    const [row] = await ownerSql<{ updated_at: number }>('alice', 'SELECT updated_at FROM jobs WHERE id = ?', young.id)
    const alarm = await inOwner('alice', (_mem, state) => state.storage.getAlarm())
    expect(alarm).toBeLessThanOrEqual(row.updated_at + 90 * DAY_MS)
  })

  it('follows JOB_RETENTION_DAYS', async () => {
    const { id } = await finishedJob()
    await ageJob(id, 8)
    // The setting reaches the object with the next request's configuration; the alarm moves to match it and runs
    // on its own.
    expect((await getJob(id, 0, { env: { JOB_RETENTION_DAYS: '7' } })).status).toBe(200)
    await vi.waitFor(async () => expect((await getJob(id, 0, { env: { JOB_RETENTION_DAYS: '7' } })).status).toBe(404), { timeout: 5000 })
    expect(await env.IMAGES.head(`jobs/${id}/0`)).toBeNull()
  })

  it('never moves the change feed back: a cursor from before a purge sees only what changes after it', async () => {
    const { id } = await finishedJob()
    const cursor = (await call('/v1/changes')).body.cursor
    await ageJob(id, 91)
    await runOwnerAlarm()
    // After a restart the feed position is read back; it must not reuse positions the purged job held.
    await runInDurableObject(ownerStub(env, 'alice'), (instance: OwnerObject, state) => {
      Reflect.set(instance, 'mem', ownerMemory(state.storage.sql))
    })
    expect((await call(`/v1/changes?after=${cursor}`)).body).toEqual({ jobs: [], cursor })
    const next = (await createJob({ operation: 'generate', prompt: 'after the purge' })).body
    expect((await call(`/v1/changes?after=${cursor}`)).body.jobs.map((j: { id: string }) => j.id)).toEqual([next.id])
  })

  it('refuses a retention that is not a whole number of days from 1 to 3650', async () => {
    for (const value of ['0', '3651', '1.5', 'forever']) {
      const reply = await call('/v1/health', { as: null, env: { JOB_RETENTION_DAYS: value } })
      expect(reply.status, value).toBe(503)
      expect(JSON.stringify(reply.body), value).toContain('JOB_RETENTION_DAYS')
    }
  })
})
