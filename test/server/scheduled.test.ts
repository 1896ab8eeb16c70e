import { beforeEach, describe, expect, it } from 'vitest'
import { createJob, dbJob, env, getJob, pngBase64Async, resetWorld, runCron, simConfig, simTasks, usedToday } from './helpers'

beforeEach(() => resetWorld())

/** Makes a job look untouched by clients and due. */
const unwatch = (id: string) => env.DB.prepare('UPDATE jobs SET poll_after = 0, watched_until = 0, lease_until = 0 WHERE id = ?1').bind(id).run()

describe('scheduled (cron sweep)', () => {
  it('fails a job older than 10 minutes with timeout, and refunds it', async () => {
    await simConfig({ delayMs: 60_000 })
    const created = await createJob({ operation: 'generate', prompt: 'p', n: 3 })
    await env.DB.prepare('UPDATE jobs SET created_at = created_at - 600001 WHERE id = ?1').bind(created.body.id).run()
    await runCron()
    const job = (await getJob(created.body.id)).body
    expect(job).toMatchObject({ status: 'failed', error: { code: 'timeout', message: 'Kling did not finish this job within 10 minutes.' } })
    expect(await usedToday()).toBe(0)
  })

  it('finishes a job nobody is watching', async () => {
    const created = await createJob({ operation: 'generate', prompt: 'p', aspect_ratio: '3:2' })
    await new Promise((r) => setTimeout(r, 400))
    await unwatch(created.body.id)
    await runCron()
    const row = await dbJob(created.body.id)
    expect(row?.status).toBe('succeeded')
    expect(JSON.parse(row!.images)[0]).toMatchObject({ width: 1248, height: 832 })
  })

  it('leaves a job a client is polling to that client', async () => {
    await simConfig({ delayMs: 60_000 })
    const created = await createJob({ operation: 'generate', prompt: 'p' })
    await getJob(created.body.id)
    await env.DB.prepare('UPDATE jobs SET poll_after = 0 WHERE id = ?1').bind(created.body.id).run()
    const before = (await dbJob(created.body.id))!.poll_after
    await runCron()
    expect((await dbJob(created.body.id))!.poll_after).toBe(before)
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

    await unwatch(created.body.id)
    await runCron()
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
    await unwatch(created.body.id)
    await runCron()
    const tasks = await simTasks()
    expect(tasks).toHaveLength(1)
    expect((await dbJob(created.body.id))?.task_id).toBe(tasks[0].task_id)
  })
})
