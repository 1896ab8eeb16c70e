import { beforeEach, describe, expect, it } from 'vitest'
import { callbackTokenAsync } from '../../server/auth/callback-token'
import { call, createJob, dbJob, getJob, inOwner, resetWorld, simConfig, simFinish, simTasks, TEST_VARS } from './helpers'

beforeEach(() => resetWorld())

const withCallbacks = { PUBLIC_BASE_URL: 'http://127.0.0.1:1' }

/** Creates a job with a callback URL, lets it finish upstream, and returns the path Kling would call. */
async function finishedJobWithCallback() {
  await simConfig({ delayMs: 60_000 })
  const created = await createJob({ operation: 'generate', prompt: 'p', aspect_ratio: '4:3' }, { env: withCallbacks })
  const [task] = await simTasks()
  await simFinish(task.task_id)
  return { id: created.body.id, task, path: new URL(task.callback_url!).pathname }
}

describe('POST /v1/callbacks/{provider}/{token}', () => {
  it('refreshes the job from upstream on a valid callback (flat body) and answers 204', async () => {
    const { id, task, path } = await finishedJobWithCallback()
    const started = Date.now()
    const reply = await call(path, { as: null, method: 'POST', body: { task_id: task.task_id, task_status: 'succeed', task_result: {} } })
    expect(reply.status).toBe(204)
    expect(Date.now() - started).toBeLessThan(1000)
    // The object reads the task upstream right after answering: a client waiting on the job sees it at once.
    expect((await getJob(id, 5)).body.status).toBe('succeeded')
    expect(Date.now() - started).toBeLessThan(1000)
    const row = await dbJob(id)
    expect(row).toMatchObject({ status: 'succeeded' })
    expect(JSON.parse(row!.images)).toEqual([{ index: 0, width: 1168, height: 880, content_type: 'image/png' }])
  })

  it('accepts the enveloped body shape too, and treats the body only as a hint', async () => {
    const { id, path } = await finishedJobWithCallback()
    const reply = await call(path, { as: null, method: 'POST', body: { code: 0, data: { task_status: 'failed', task_status_msg: 'lies' } } })
    expect(reply.status).toBe(204)
    expect((await getJob(id, 5)).body.status).toBe('succeeded')
    expect((await dbJob(id))?.status).toBe('succeeded')
  })

  it('lets a waiting client see a callback-driven completion within a fraction of a second', async () => {
    const { id, path } = await finishedJobWithCallback()
    // Not due for a minute: only the callback can make the job refresh now.
    await inOwner('alice', (mem) => mem.nextStep.set(id, Date.now() + 60_000))
    const waiting = call(`/v1/jobs/${id}?wait=10`)
    await new Promise((r) => setTimeout(r, 300))
    const started = Date.now()
    await call(path, { as: null, method: 'POST', body: {} })
    const reply = await waiting
    expect(reply.body.status).toBe('succeeded')
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('answers 404 to a forged token, a token for another job, and another provider', async () => {
    const { id } = await finishedJobWithCallback()
    const other = await callbackTokenAsync({ owner: 'alice', jobId: 'job_00000000000000000000000000' }, TEST_VARS.CALLBACK_SECRET)
    const wrongKey = await callbackTokenAsync({ owner: 'alice', jobId: id }, 'not-the-secret')
    const good = await callbackTokenAsync({ owner: 'alice', jobId: id }, TEST_VARS.CALLBACK_SECRET)
    const malformed = ['a.b.c', `${id}.A`, `${id}.AAAAA`, `${id}.`, `${id}.%00`, '.AAAA']
    const forged = [`${id}.AAAA`, other, wrongKey, ...malformed].map((token) => `/v1/callbacks/kling/${token}`)
    for (const path of [...forged, `/v1/callbacks/fal/${good}`, '/v1/callbacks/kling/x']) {
      const reply = await call(path, { as: null, method: 'POST', body: {} })
      expect(reply.status, path).toBe(404)
      expect(reply.body.error.code).toBe('not_found')
    }
    expect((await dbJob(id))?.status).toBe('queued')
  })
})
