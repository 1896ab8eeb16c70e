/**
 * The job layer across a restart of `wrangler dev` in the middle of a queue: the owner and upstream objects keep
 * their state in SQLite under the persist directory, and their alarms carry on. Needs no browser; it lives with the
 * browser suite because it drives a real `wrangler dev` process.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startWorker, type WorkerProcess } from '../../scripts/lib/worker-process'
import { startKlingSimulator, type KlingSimulator } from '../simulator/kling-simulator'
import { SimAdmin } from './support/sim-admin'
import { portOrFree } from './support/ports'

const TOKEN = 'restart-token'
let sim: KlingSimulator
let admin: SimAdmin
let persistTo: string
let port: number
let worker: WorkerProcess | null = null

const start = () =>
  startWorker({
    port,
    persistTo,
    vars: {
      KLING_API_BASE: sim.url,
      KLING_ACCESS_KEY: 'dev-access-key',
      KLING_SECRET_KEY: 'dev-secret-key',
      CLIENT_TOKENS: `restart:${TOKEN}`,
      CALLBACK_SECRET: 'restart-callback-secret',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      UPSTREAM_CONCURRENCY: '4',
    },
  })

interface JobView {
  id: string
  status: string
  queue_position: number | null
  images: { index: number }[]
}

async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`)
  return JSON.parse(text) as T
}

beforeAll(async () => {
  sim = await startKlingSimulator({ port: await portOrFree(0), delayMs: 3000, log: false })
  admin = new SimAdmin(sim.url)
  persistTo = await mkdtemp(join(tmpdir(), 'kling-frames-restart-'))
  port = await portOrFree(0)
  worker = await start()
}, 120_000)

afterAll(async () => {
  await worker?.stop()
  await sim?.close()
  if (persistTo) await rm(persistTo, { recursive: true, force: true })
})

test('a restart in the middle of a queue loses no job, leaks no slot and creates no task twice', async () => {
  await admin.reset({ delayMs: 3000, concurrency: 4 })
  const body = { operation: 'generate', prompt: 'a lighthouse', aspect_ratio: '1:1', n: 2 }
  const jobs = await Promise.all([1, 2, 3, 4, 5, 6].map(() => api<JobView>('/v1/jobs', { method: 'POST', body })))
  expect(jobs.filter((j) => j.queue_position !== null)).toHaveLength(4)

  // Two tasks run upstream, four jobs wait in the queue: stop the Worker now, and start it again on the same state.
  await worker!.stop()
  worker = null
  worker = await start()

  const done = await Promise.all(
    jobs.map(async (job) => {
      let view = job
      for (let i = 0; i < 6 && (view.status === 'queued' || view.status === 'running'); i++) view = await api<JobView>(`/v1/jobs/${job.id}?wait=20`)
      return view
    }),
  )
  expect(done.map((j) => j.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded'])
  for (const job of done) expect(job.images.map((i) => i.index)).toEqual([0, 1])
  const tasks = await admin.tasks()
  expect(tasks.map((t) => t.external_task_id).sort()).toEqual(jobs.map((j) => j.id).sort())
  const stats = await admin.stats()
  expect(stats.requests.filter((r) => r.code === 1201)).toHaveLength(0)

  // No slot leaked: four slots are free again, so two more jobs of n = 2 are submitted at once.
  const more = await Promise.all([1, 2].map(() => api<JobView>('/v1/jobs', { method: 'POST', body })))
  expect(more.map((j) => j.queue_position)).toEqual([null, null])
  expect(await admin.tasks()).toHaveLength(8)
}, 180_000)
