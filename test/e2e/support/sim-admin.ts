/** The Kling simulator's test-control API (`/__sim/`, see test/simulator/README.md). */
import type { AdminStats, AdminTask, SimConfigPatch } from '../../simulator/kling-simulator'

export class SimAdmin {
  constructor(readonly url: string) {}

  /** Clears tasks, faults and stats, restores the startup config, then applies `config`. */
  async reset(config?: SimConfigPatch): Promise<void> {
    await this.call('POST', '/__sim/reset', config)
  }

  async configure(patch: SimConfigPatch): Promise<void> {
    await this.call('POST', '/__sim/config', patch)
  }

  async tasks(): Promise<AdminTask[]> {
    return ((await this.call('GET', '/__sim/tasks')) as { tasks: AdminTask[] }).tasks
  }

  async stats(): Promise<AdminStats> {
    return (await this.call('GET', '/__sim/stats')) as AdminStats
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
