/** The Kling simulator's test-control API (`/__sim/`, see test/simulator/README.md). */

export interface SimTask {
  task_id: string
  external_task_id: string | null
  endpoint: 'generations' | 'expand'
  model_name: string | null
  /** The create body, with base64 images replaced by `<base64 N bytes>`. */
  request: Record<string, unknown>
  status: 'submitted' | 'processing' | 'succeed' | 'failed'
  task_status_msg: string
  n: number
  width: number
  height: number
  /** Unix ms. */
  created_at: number
  updated_at: number
  succeeded_at: number | null
  callback_url: string | null
}

export interface SimStats {
  creates: { generations: number; expand: number }
  queries: number
  lists: number
  cdnGets: number
  authFailures: number
  requests: { method: string; path: string; status: number; code: number; at: number; body?: unknown }[]
  callbacks: unknown[]
}

export interface SimConfigPatch {
  delayMs?: number
  concurrency?: number | null
  faults?: Record<string, unknown>
}

export class SimAdmin {
  constructor(readonly url: string) {}

  /** Clears tasks, faults and stats, restores the startup config, then applies `config`. */
  async reset(config?: SimConfigPatch): Promise<void> {
    await this.call('POST', '/__sim/reset', config)
  }

  async configure(patch: SimConfigPatch): Promise<void> {
    await this.call('POST', '/__sim/config', patch)
  }

  async tasks(): Promise<SimTask[]> {
    return ((await this.call('GET', '/__sim/tasks')) as { tasks: SimTask[] }).tasks
  }

  async stats(): Promise<SimStats> {
    return (await this.call('GET', '/__sim/stats')) as SimStats
  }

  /** Ends a task now with its planned outcome. */
  async finish(taskId: string): Promise<void> {
    await this.call('POST', `/__sim/tasks/${encodeURIComponent(taskId)}/finish`, {})
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(this.url + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`simulator ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`)
    return text ? JSON.parse(text) : null
  }
}

/** Unix ms from a number or an ISO string. */
export function ms(value: number | string | null | undefined): number {
  if (value === null || value === undefined) return NaN
  return typeof value === 'number' ? value : Date.parse(value)
}
