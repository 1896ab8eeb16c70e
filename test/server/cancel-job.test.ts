import { beforeEach, describe, expect, it } from 'vitest'
import { call, createJob, env, getJob, makeTasksDue, resetWorld, runOwnerAlarm, simConfig, simFinish, simStats, simTasks, usedToday } from './helpers'

beforeEach(() => resetWorld())

const cancel = (id: string, as: 'alice' | 'bob' = 'alice') => call(`/v1/jobs/${id}`, { method: 'DELETE', as })

describe('DELETE /v1/jobs/{id}', () => {
  it('cancels a running job; its images are never fetched or shown, and the charge stays', async () => {
    await simConfig({ delayMs: 60_000 })
    const created = await createJob({ operation: 'generate', prompt: 'p', n: 2 })
    const reply = await cancel(created.body.id)
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ id: created.body.id, status: 'canceled', images: [] })
    await simFinish((await simTasks())[0].task_id)
    expect((await getJob(created.body.id, 1)).body).toMatchObject({ status: 'canceled', images: [] })
    await makeTasksDue()
    await runOwnerAlarm()
    expect((await simStats()).cdnGets).toBe(0)
    expect((await env.IMAGES.list({ prefix: `jobs/${created.body.id}/` })).objects).toHaveLength(0)
    expect(await usedToday()).toBe(2)
  })

  it('leaves a finished job as it is', async () => {
    const created = await createJob({ operation: 'generate', prompt: 'p' })
    const done = (await getJob(created.body.id, 10)).body
    const reply = await cancel(created.body.id)
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual(done)
  })

  it("answers 404 for another owner's job and an unknown one", async () => {
    const created = await createJob({ operation: 'generate', prompt: 'p' })
    expect((await cancel(created.body.id, 'bob')).status).toBe(404)
    expect((await cancel('job_00000000000000000000000000')).status).toBe(404)
    expect((await getJob(created.body.id)).body.status).not.toBe('canceled')
  })
})
