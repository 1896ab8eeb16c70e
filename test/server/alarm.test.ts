import { beforeEach, describe, expect, it } from 'vitest'
import { createJob, dbJob, env, getJob, inOwner, makeTasksDue, pngBase64Async, resetWorld, runOwnerAlarm, simConfig, simStats, simTasks, usedToday } from './helpers'

beforeEach(() => resetWorld())

describe("the owner object's alarm (replaces the cron sweep)", () => {
  it('fails a job older than 10 minutes with timeout, and refunds it', async () => {
    await simConfig({ delayMs: 60_000 })
    const created = await createJob({ operation: 'generate', prompt: 'p', n: 3 })
    await inOwner('alice', (mem) => {
      mem.store.active.get(created.body.id)!.job.created_at -= 600_001
    })
    await runOwnerAlarm()
    const job = (await getJob(created.body.id)).body
    expect(job).toMatchObject({ status: 'failed', error: { code: 'timeout', message: 'Kling did not finish this job within 10 minutes.' } })
    expect(await usedToday()).toBe(0)
  })

  it('fails a seller job past a JOB_DEADLINE_S of 60 s naming the seller, and refunds it', async () => {
    const asApimodels = { PROVIDER: 'apimodels', JOB_DEADLINE_S: '60' }
    await fetch(`${env.APIMODELS_API_BASE}/__sim/reset`, { method: 'POST', body: JSON.stringify({ delayMs: 60_000 }) })
    const created = await createJob({ operation: 'generate', prompt: 'p' }, { env: asApimodels })
    expect(created.status).toBe(202)
    await inOwner('alice', (mem) => {
      mem.store.active.get(created.body.id)!.job.created_at -= 59_000
    })
    await runOwnerAlarm()
    expect((await getJob(created.body.id, 0, { env: asApimodels })).body.status).not.toBe('failed')
    await inOwner('alice', (mem) => {
      mem.store.active.get(created.body.id)!.job.created_at -= 1_001
    })
    await runOwnerAlarm()
    const job = (await getJob(created.body.id, 0, { env: asApimodels })).body
    expect(job).toMatchObject({ status: 'failed', error: { code: 'timeout', message: 'apimodels.app did not finish this job within 1 minute.' } })
    expect(await usedToday()).toBe(0)
  })

  it('finishes a job nobody is watching', async () => {
    const created = await createJob({ operation: 'generate', prompt: 'p', aspect_ratio: '3:2' })
    await new Promise((r) => setTimeout(r, 400))
    await makeTasksDue()
    await runOwnerAlarm()
    const row = await dbJob(created.body.id)
    expect(row?.status).toBe('succeeded')
    expect(JSON.parse(row!.images)[0]).toMatchObject({ width: 1248, height: 832 })
  })

  it('reads each unfinished task upstream about once a second, however many clients wait', async () => {
    await simConfig({ delayMs: 60_000 })
    const created = await createJob({ operation: 'generate', prompt: 'p' })
    const before = (await simStats()).queries
    await Promise.all([1, 2, 3, 4].map(() => getJob(created.body.id, 2)))
    const reads = (await simStats()).queries - before
    expect(reads).toBeGreaterThanOrEqual(1)
    expect(reads).toBeLessThanOrEqual(3)
  })

  it('resubmits a job whose submission never reached Kling, from the stored input image', async () => {
    // Kling unreachable during the create: the outcome is unknown, so the job stays queued without a task.
    const created = await createJob(
      { operation: 'image_to_image', prompt: 'p', image: await pngBase64Async(320, 320) },
      { env: { KLING_API_BASE: 'http://127.0.0.1:9' } },
    )
    expect(created.status).toBe(202)
    expect(created.body.status).toBe('queued')
    expect((await dbJob(created.body.id))?.task_id).toBeNull()
    expect(await env.IMAGES.head(`inputs/${created.body.id}/image`)).not.toBeNull()

    // The next call brings the usual configuration (Kling reachable again); then the alarm's step runs.
    await getJob(created.body.id)
    await makeTasksDue()
    await runOwnerAlarm()
    const tasks = await simTasks()
    expect(tasks).toHaveLength(1)
    expect(tasks[0]).toMatchObject({ external_task_id: created.body.id, model_name: 'kling-v3' })
    expect(tasks[0].request.image).toMatch(/^<base64/)
    expect((await dbJob(created.body.id))?.task_id).toBe(tasks[0].task_id)
    // Kept until the job ends, so another interrupted submission could still be sent again.
    expect(await env.IMAGES.head(`inputs/${created.body.id}/image`)).not.toBeNull()
    expect((await getJob(created.body.id, 10)).body.status).toBe('succeeded')
    expect(await env.IMAGES.head(`inputs/${created.body.id}/image`)).toBeNull()
    expect((await dbJob(created.body.id))?.has_input).toBe(0)
  })

  it('adopts the task instead of resubmitting when Kling already has it', async () => {
    await simConfig({ faults: { dropCreate: 1, query: [{ status: 500, code: 5000 }, { status: 500, code: 5000 }] } })
    const created = await createJob({ operation: 'generate', prompt: 'p' })
    expect(created.status).toBe(202)
    await makeTasksDue()
    await runOwnerAlarm()
    const tasks = await simTasks()
    expect(tasks).toHaveLength(1)
    expect((await dbJob(created.body.id))?.task_id).toBe(tasks[0].task_id)
  })
})
