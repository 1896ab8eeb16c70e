/** Test helpers for the Worker in workerd: call it with per-test env overrides, drive the simulator, make images. */
import { createExecutionContext, runDurableObjectAlarm, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import type { ErrorBody, Job } from '../../shared/api/schemas'
import { readConfig } from '../../server/config'
import type { Env } from '../../server/env'
import worker from '../../server/index'
import { ownerMemory, type OwnerMemory, type OwnerObject } from '../../server/owner/owner-object'
import { ownerStub, upstreamStubAsync } from '../../server/upstream/upstream-stub'
import { buildSolidJpeg } from '../simulator/fixtures/build-solid-jpeg'
import { TEST_VARS } from './test-env'

/** The simulator the Worker under test talks to (vitest.config.ts binds it). */
export const SIM_URL = env.KLING_API_BASE!
export const TOKENS = { alice: 'alice-token-7f3a9c', bob: 'bob-token-22d1e8' } as const
export type Owner = keyof typeof TOKENS
type Bindings = 'OWNERS' | 'UPSTREAM' | 'IMAGES' | 'OWNER_RATE_LIMITER'
export type EnvOverrides = Partial<Record<Exclude<keyof Env, Bindings>, string | undefined>> & Partial<Pick<Env, Bindings>>

// ---- the simulator's admin API ----

export async function sim<T = any>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(SIM_URL + path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })
  if (!response.ok) throw new Error(`simulator ${path}: HTTP ${response.status} ${await response.text()}`)
  return response.json() as Promise<T>
}
export const simConfig = (patch: unknown) => sim('/__sim/config', patch)
export const simStats = () => sim<SimStats>('/__sim/stats')
export const simTasks = async () => (await sim<{ tasks: SimTask[] }>('/__sim/tasks')).tasks
export const simFinish = (taskId: string, body: unknown = {}) => sim(`/__sim/tasks/${taskId}/finish`, body)

export interface SimStats {
  creates: { generations: number; expand: number; 'multi-image2image': number; 'omni-image': number }
  queries: number
  cdnGets: number
  authFailures: number
  requests: { method: string; path: string; auth: string; contentType: string | null; body?: any; status: number; code: number }[]
  callbacks: { url: string; task_status: string; status: number | null }[]
}
export interface SimTask {
  task_id: string
  external_task_id: string | null
  endpoint: 'generations' | 'expand' | 'multi-image2image' | 'omni-image'
  model_name: string | null
  request: Record<string, any>
  status: string
  callback_url: string | null
}

/**
 * A clean world for each test: simulator reset (small delay), both owners' objects emptied (storage and memory), and
 * the upstream queues of the accounts tests use emptied.
 */
export async function resetWorld(simConfigPatch: Record<string, unknown> = {}): Promise<void> {
  await sim('/__sim/reset', { delayMs: 300, ...simConfigPatch })
  for (const owner of Object.keys(TOKENS) as Owner[]) {
    await runInDurableObject(ownerStub(env, owner), async (instance: OwnerObject, state) => {
      await state.storage.deleteAll()
      Reflect.set(instance, 'mem', ownerMemory(state.storage.sql))
    })
  }
  const accounts = [{}, { KLING_API_KEY: 'dev-api-key' }, ...(['fal', 'pixeldojo', 'apimodels'] as const).map((PROVIDER) => ({ PROVIDER }))]
  for (const overrides of accounts) {
    const result = readConfig({ ...env, ...overrides } as Env)
    if (!result.ok) throw new Error(result.reason)
    await runInDurableObject(await upstreamStubAsync(env, result.config), async (_instance, state) => {
      for (const table of ['waiting', 'leases', 'meta']) state.storage.sql.exec(`DELETE FROM ${table}`)
    })
  }
}

// ---- inside the objects ----

/** Runs `fn` inside an owner's object, with its memory (the write-through mirror, the timers) and its storage. */
export function inOwner<T>(owner: Owner, fn: (mem: OwnerMemory, state: DurableObjectState) => T | Promise<T>): Promise<T> {
  return runInDurableObject(ownerStub(env, owner), (instance: OwnerObject, state) => fn(Reflect.get(instance, 'mem') as OwnerMemory, state))
}

/** Rows of an SQL query in an owner's object storage. */
export const ownerSql = <T = Record<string, any>>(owner: Owner, query: string, ...bindings: unknown[]) =>
  inOwner(owner, (_mem, state) => state.storage.sql.exec(query, ...bindings).toArray() as T[])

/** Runs the owner object's alarm now, if one is set (what the platform does when it is due). */
export const runOwnerAlarm = (owner: Owner = 'alice') => runDurableObjectAlarm(ownerStub(env, owner))

/** Makes every task of the owner's unfinished jobs due, as if its next step's time had come. */
export const makeTasksDue = (owner: Owner = 'alice') => inOwner(owner, (mem) => mem.nextStep.clear())

// ---- calling the Worker ----

export interface Reply<T = any> {
  status: number
  headers: Headers
  body: T
  text: string
}

export interface CallOptions {
  method?: string
  /** Whose token to send; null sends none. Default alice. */
  as?: Owner | null
  body?: unknown
  headers?: Record<string, string>
  env?: EnvOverrides
}

/** Calls the Worker's fetch handler directly (same isolate, so console spies see its logs) and waits for waitUntil work. */
export async function callRaw(path: string, init: RequestInit, overrides: EnvOverrides = {}): Promise<Response> {
  const ctx = createExecutionContext()
  const response = await worker.fetch(new Request(`http://kf.test${path}`, init), { ...env, ...overrides } as Env, ctx)
  await waitOnExecutionContext(ctx)
  return response
}

export async function call<T = any>(path: string, options: CallOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers }
  const as = options.as === undefined ? 'alice' : options.as
  if (as) headers.Authorization = `Bearer ${TOKENS[as]}`
  let body: string | undefined
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    headers['Content-Type'] ??= 'application/json'
  }
  const response = await callRaw(path, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body }, options.env)
  const text = await response.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // Non-JSON bodies (images) stay text.
  }
  return { status: response.status, headers: response.headers, body: parsed as T, text }
}

/** A job, or the error envelope: a test reads whichever its status says. */
export type JobOrError = Omit<Job, 'error'> & { error: ErrorBody['error'] }

export const createJob = (body: Record<string, unknown>, options: Omit<CallOptions, 'body' | 'method'> = {}) =>
  call<JobOrError>('/v1/jobs', { ...options, method: 'POST', body })

export const getJob = (id: string, wait = 0, options: CallOptions = {}) => call<JobOrError>(`/v1/jobs/${id}?wait=${wait}`, options)

/** A job's stored row, with its first upstream task's handle as `task_id`. */
export const dbJob = async (id: string, owner: Owner = 'alice') =>
  (await ownerSql(owner, 'SELECT j.*, (SELECT task_id FROM tasks WHERE job_id = j.id AND part = 0) AS task_id FROM jobs j WHERE id = ?', id))[0] ?? null
export const usedToday = async (owner: Owner = 'alice') =>
  (await ownerSql<{ used: number }>(owner, 'SELECT used FROM usage WHERE day = ?', new Date().toISOString().slice(0, 10)))[0]?.used ?? 0

export { env, TEST_VARS }

// ---- images ----

/** A real RGB PNG of the given size (a gradient), as raw base64. Uses the runtime's deflate. */
export async function pngBase64Async(width: number, height: number): Promise<string> {
  const raw = new Uint8Array(height * (width * 3 + 1))
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    for (let x = 0; x < width; x++) raw.set([x & 0xff, y & 0xff, (x + y) & 0xff], row + 1 + x * 3)
  }
  const deflated = new Uint8Array(await new Response(new Blob([raw]).stream().pipeThrough(new CompressionStream('deflate'))).arrayBuffer())
  const ihdr = new Uint8Array(13)
  new DataView(ihdr.buffer).setUint32(0, width)
  new DataView(ihdr.buffer).setUint32(4, height)
  ihdr.set([8, 2, 0, 0, 0], 8)
  const png = concat([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflated), chunk('IEND', new Uint8Array(0))])
  return toBase64(png)
}

/** A real baseline JPEG of one colour (decodable by the simulator), as raw base64. */
export function jpegBase64(width: number, height: number, rgb: readonly [number, number, number] = [90, 140, 200]): string {
  return toBase64(buildSolidJpeg(width, height, rgb))
}

/**
 * The smallest bytes that read as a baseline JPEG of the given size (SOI, JFIF, frame header, scan header, EOI),
 * padded to `padTo` bytes: its size is readable, but with no decoding tables it is refused as damaged.
 */
export function jpegBytes(width: number, height: number, padTo = 0): Uint8Array {
  const head = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
  const sos = [0xff, 0xda, 0x00, 0x0c, 0x03, 1, 0x00, 2, 0x11, 3, 0x11, 0x00, 0x3f, 0x00, 0x12, 0x34]
  const bytes = new Uint8Array(Math.max(padTo, head.length + sof.length + sos.length + 2))
  bytes.set([...head, ...sof, ...sos])
  bytes.set([0xff, 0xd9], bytes.length - 2)
  return bytes
}

export function toBase64(bytes: Uint8Array): string {
  let out = ''
  const step = 3 * 8192
  for (let i = 0; i < bytes.length; i += step) out += btoa(String.fromCharCode(...bytes.subarray(i, i + step)))
  return out
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length)
  const view = new DataView(out.buffer)
  view.setUint32(0, data.length)
  out.set([...type].map((c) => c.charCodeAt(0)), 4)
  out.set(data, 8)
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)))
  return out
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
