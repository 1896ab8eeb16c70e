/**
 * One driver per provider for the shared contract suite: how to point the Worker at it, and how to drive and read
 * its simulator (each has its own admin API shape). Everything goes over the simulators' `/__sim/` HTTP APIs.
 */
import type { Operation, ProviderName } from '../../shared/api/enums'
import { env, type EnvOverrides, SIM_URL } from './helpers'

/** A canned upstream answer the driver can inject, in neutral terms. */
export type UpstreamFault = 'busy' | 'out_of_credits' | 'bad_key' | 'server_error'

export interface UpstreamTask {
  id: string
  /** The body the Worker sent, base64 shortened. */
  body: Record<string, any>
  /** Seller route or Kling endpoint. */
  route: string
}

export interface Upstream {
  name: ProviderName
  /** Worker vars that select this provider (url-input sellers also get the tunnel as PUBLIC_BASE_URL). */
  env: EnvOverrides
  /** The operations api-contract.md lists for this provider that this server implements. */
  offers: Operation[]
  /** Whether it takes image inputs only by URL (fal, apimodels). */
  urlInputs: boolean
  /** Whether its webhooks name a task, so a lost submit answer can be adopted (fal, apimodels). */
  adoptsFromWebhook: boolean
  /** Whether it can be asked for a task by our job id (Kling only). */
  findsByJobId: boolean
  reset(delayMs?: number): Promise<void>
  tasks(): Promise<UpstreamTask[]>
  /** Submit requests that reached the simulator (faulted ones included). */
  submits(): Promise<number>
  fault(fault: UpstreamFault, times?: number): Promise<void>
  /** The next submit creates its task, then the connection drops without an answer. */
  dropNextSubmit(): Promise<void>
  failNextTask(message: string): Promise<void>
  /** Result URLs expire at once. */
  expireResults(): Promise<void>
  /** The upstream secret this provider is configured with (must never leak). */
  secret: string
  /** The unit of the cost the seller reports, or null when it reports none. */
  costUnit: 'kling_units' | 'credits' | null
}

async function admin<T = any>(base: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(base + path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })
  if (!response.ok) throw new Error(`simulator ${base}${path}: HTTP ${response.status} ${await response.text()}`)
  return response.json() as Promise<T>
}

const tunnel = () => env.TEST_TUNNEL_URL

function kling(): Upstream {
  const KLING_FAULTS: Record<UpstreamFault, { status: number; code: number }> = {
    busy: { status: 429, code: 1303 },
    out_of_credits: { status: 429, code: 1102 },
    bad_key: { status: 401, code: 1002 },
    server_error: { status: 500, code: 5000 },
  }
  return {
    name: 'kling',
    env: { PROVIDER: 'kling' },
    offers: ['generate', 'image_to_image', 'expand', 'multi_reference', 'omni'],
    urlInputs: false,
    adoptsFromWebhook: false,
    findsByJobId: true,
    secret: env.KLING_SECRET_KEY!,
    costUnit: 'kling_units',
    reset: async (delayMs = 300) => void (await admin(SIM_URL, '/__sim/reset', { delayMs })),
    tasks: async () =>
      (await admin<{ tasks: { task_id: string; request: Record<string, any>; endpoint: string }[] }>(SIM_URL, '/__sim/tasks')).tasks.map((t) => ({
        id: t.task_id,
        body: t.request,
        route: t.endpoint,
      })),
    submits: async () => {
      const stats = await admin(SIM_URL, '/__sim/stats')
      return stats.creates.generations + stats.creates.expand
    },
    fault: async (fault, times = 1) => void (await admin(SIM_URL, '/__sim/config', { faults: { create: Array(times).fill(KLING_FAULTS[fault]) } })),
    dropNextSubmit: async () => void (await admin(SIM_URL, '/__sim/config', { faults: { dropCreate: 1 } })),
    failNextTask: async (message) => void (await admin(SIM_URL, '/__sim/config', { faults: { failTasks: 1, failMessage: message } })),
    expireResults: async () => void (await admin(SIM_URL, '/__sim/config', { faults: { cdn: { expireAfterMs: 0 } } })),
  }
}

function seller(name: 'fal' | 'pixeldojo' | 'apimodels', base: string, secret: string, offers: Operation[], urlInputs: boolean): Upstream {
  const faults: Record<UpstreamFault, { status: number; message?: string; retryable?: boolean }> = {
    busy: { status: 429, message: 'Too many requests', retryable: true },
    out_of_credits: name === 'fal' ? { status: 403, message: 'User is locked. Reason: Exhausted balance.', retryable: false } : { status: 402, message: 'Not enough credits' },
    bad_key: { status: 401, message: 'Invalid API key', retryable: false },
    server_error: { status: 500, message: 'Internal server error', retryable: false },
  }
  return {
    name,
    env: {
      PROVIDER: name,
      ...(name === 'fal' ? { FAL_QUEUE_BASE: base } : name === 'pixeldojo' ? { PIXELDOJO_API_BASE: base } : { APIMODELS_API_BASE: base }),
      ...(urlInputs ? { PUBLIC_BASE_URL: tunnel() } : {}),
    },
    offers,
    urlInputs,
    adoptsFromWebhook: urlInputs,
    findsByJobId: false,
    secret,
    costUnit: name === 'pixeldojo' ? 'credits' : null,
    reset: async (delayMs = 300) => void (await admin(base, '/__sim/reset', { delayMs })),
    tasks: async () => (await admin<{ tasks: { id: string; body: Record<string, any>; route: string }[] }>(base, '/__sim/tasks')).tasks,
    submits: async () => (await admin(base, '/__sim/stats')).submits,
    fault: async (fault, times = 1) => void (await admin(base, '/__sim/config', { faults: { submit: Array(times).fill(faults[fault]) } })),
    dropNextSubmit: async () => void (await admin(base, '/__sim/config', { faults: { dropSubmit: 1 } })),
    failNextTask: async (message) => void (await admin(base, '/__sim/config', { faults: { failTasks: 1, failMessage: message } })),
    expireResults: async () => void (await admin(base, '/__sim/config', { faults: { cdn: { expireAfterMs: 0 } } })),
  }
}

/** Every provider, each with its simulator. */
export function upstreams(): Upstream[] {
  return [
    kling(),
    seller('fal', env.FAL_QUEUE_BASE!, env.FAL_KEY!, ['generate', 'image_to_image', 'omni'], true),
    seller('pixeldojo', env.PIXELDOJO_API_BASE!, env.PIXELDOJO_API_KEY!, ['generate'], false),
    seller('apimodels', env.APIMODELS_API_BASE!, env.APIMODELS_API_KEY!, ['generate', 'image_to_image', 'expand', 'multi_reference', 'omni'], true),
  ]
}
