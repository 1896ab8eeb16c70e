/** The Worker's public API (api-contract.md), called from Node with the suite's client token. */

export interface BackendJob {
  id: string
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled'
  operation: string
  prompt?: string
  aspect_ratio?: string
  n: number
  client_ref?: string | null
  images: { index: number; url: string; width: number; height: number; content_type: string }[]
  error: { code: string; message: string } | null
}

export class Backend {
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  async getJob(id: string): Promise<BackendJob> {
    return (await this.call('GET', `/v1/jobs/${encodeURIComponent(id)}`)) as BackendJob
  }

  async capabilities(): Promise<BackendCapabilities> {
    return (await this.call('GET', '/v1/capabilities')) as BackendCapabilities
  }

  async listJobs(limit = 20): Promise<BackendJob[]> {
    return ((await this.call('GET', `/v1/jobs?limit=${limit}`)) as { jobs: BackendJob[] }).jobs
  }

  /** A job image's bytes (`image.url` as the job gives it), with the token, as the panel fetches them. */
  async image(url: string): Promise<Uint8Array> {
    const response = await fetch(url, { headers: { authorization: `Bearer ${this.token}` } })
    if (!response.ok) throw new Error(`backend GET ${url} answered ${response.status}`)
    return new Uint8Array(await response.arrayBuffer())
  }

  async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(this.url + path, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`backend ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`)
    return JSON.parse(text)
  }
}

export interface BackendCapabilities {
  provider: string
  default_model: string
  models: { id: string; label: string; operations: string[]; aspect_ratios: string[]; resolutions: string[] }[]
  budget: { daily_limit: number; remaining_today: number; resets_at: string }
}

/** The model the panel picks for `operation` when the user chose none (ui/requests/models.ts pickModel). */
export function defaultModel(caps: BackendCapabilities, operation: string): BackendCapabilities['models'][number] {
  const models = caps.models.filter((m) => m.operations.includes(operation))
  const model = models.find((m) => m.id === caps.default_model) ?? models[0]
  if (!model) throw new Error(`the backend offers no model for ${operation}`)
  return model
}
