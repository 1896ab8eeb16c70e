/** Chaos mode of the three seller simulators: seeded, each seller failing in its own words, tasks created only where the fault comes after. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { pngServer, type PngServer } from './fixtures/png-server'
import type { SellerSimulator } from './seller-simulator'
import { SELLERS, startSellerSimulator, type Seller } from './start-seller-simulator'

/** How to submit and poll each seller, and the answers its chaos must give to submits. */
const SELLER_CALLS: Record<
  Seller,
  {
    submit: (base: string, key: string, webhook?: string) => [string, RequestInit]
    /** The poll URL of a submitted task, from the submit's answer. */
    pollUrl: (base: string, answer: any) => string
    auth: (key: string) => string
    submitAnswers: string[]
  }
> = {
  fal: {
    submit: (base, key, webhook) => [
      `${base}/fal-ai/kling-image/v3/text-to-image${webhook ? `?fal_webhook=${encodeURIComponent(webhook)}` : ''}`,
      { method: 'POST', headers: { Authorization: `Key ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ prompt: 'p' }) },
    ],
    pollUrl: (_base, answer) => answer.status_url,
    auth: (key) => `Key ${key}`,
    submitAnswers: ['429 json', '503 json', 'bare 502', 'lost', '200 malformed'],
  },
  pixeldojo: {
    submit: (base, key) => [
      `${base}/api/v1/models/kling-image/run`,
      { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ prompt: 'p' }) },
    ],
    pollUrl: (base, answer) => `${base}/api/v1/jobs/${answer.jobId}`,
    auth: (key) => `Bearer ${key}`,
    submitAnswers: ['429 json', '500 json', 'bare 502', 'lost', '202 malformed'],
  },
  apimodels: {
    submit: (base, key, webhook) => [
      `${base}/api/v1/images/generations`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: 'kling-v3-image', prompt: 'p', ...(webhook ? { callback_url: webhook } : {}) }),
      },
    ],
    pollUrl: (base, answer) => `${base}/api/v1/images/generations?task_id=${answer.data.taskId}`,
    auth: (key) => `Bearer ${key}`,
    submitAnswers: ['429 json', '500 json', 'bare 502', 'lost', '200 malformed'],
  },
}

/** An answer in a word: `lost`, `bare 502`, `429 json`, `200 malformed`. */
async function classify(call: Promise<Response>): Promise<{ kind: string; response?: Response; text?: string }> {
  let response: Response
  let text: string
  try {
    response = await call
    text = await response.text()
  } catch {
    return { kind: 'lost' }
  }
  if (!(response.headers.get('content-type') ?? '').includes('json')) return { kind: `bare ${response.status}`, response, text }
  try {
    JSON.parse(text)
    return { kind: `${response.status} json`, response, text }
  } catch {
    return { kind: `${response.status} malformed`, response, text }
  }
}

describe.each(SELLERS)('%s chaos mode', (seller) => {
  const calls = SELLER_CALLS[seller]
  let sim: SellerSimulator
  const admin = (path: string, body?: unknown) => fetch(sim.url + path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>)
  const submit = (webhook?: string) => fetch(...calls.submit(sim.url, sim.apiKey, webhook))

  beforeAll(async () => {
    sim = await startSellerSimulator(seller, { delayMs: 60 })
  })
  afterAll(() => sim.close())
  beforeEach(() => admin('/__sim/reset', { delayMs: 60 }))

  it("refuses submits in the seller's own words, and creates the task only where the fault comes after it", async () => {
    await admin('/__sim/config', { chaos: { rate: 1, seed: 5 } })
    const answers = []
    for (let i = 0; i < 60; i++) answers.push(await classify(submit()))
    expect(new Set(answers.map((a) => a.kind))).toEqual(new Set(calls.submitAnswers))
    const chaos = await admin('/__sim/chaos')
    expect(chaos.calls.submit).toBe(60)
    const { lost_response = 0, malformed_after_create = 0, server_error_after_create = 0 } = chaos.injected
    expect((await admin('/__sim/tasks')).tasks).toHaveLength(lost_response + malformed_after_create + server_error_after_create)
    if (seller === 'fal') {
      const limited = answers.find((a) => a.kind === '429 json')!
      expect(limited.response!.headers.get('x-fal-retryable')).toBe('true')
      expect(JSON.parse(limited.text!)).toHaveProperty('detail')
    }
    if (seller === 'pixeldojo') expect(JSON.parse(answers.find((a) => a.kind === '429 json')!.text!)).toEqual({ error: 'Too many requests', code: 'rate_limited' })
    if (seller === 'apimodels') expect(JSON.parse(answers.find((a) => a.kind === '500 json')!.text!)).toEqual({ code: 500, msg: 'Internal Server Error', data: null })
    await admin('/__sim/config', { chaos: null })
    expect((await admin('/__sim/chaos')).config).toBeNull()
  })

  it('fails polls with server errors, gateway pages, malformed bodies and stalls', async () => {
    const answer = await (await submit()).json()
    await admin('/__sim/config', { chaos: { rate: 1, seed: 9, stallMs: 300 } })
    const kinds = new Set<string>()
    let stalled = 0
    for (let i = 0; i < 30; i++) {
      const started = Date.now()
      const { kind } = await classify(fetch(calls.pollUrl(sim.url, answer), { headers: { Authorization: calls.auth(sim.apiKey) } }))
      if (Date.now() - started >= 300) stalled++
      kinds.add(kind.replace(/^20\d (json|malformed)$/, '2xx $1'))
    }
    expect(kinds).toEqual(new Set(['500 json', 'bare 503', '2xx malformed', '2xx json']))
    expect(stalled).toBe((await admin('/__sim/chaos')).injected.poll_stall)
  })

  it('serves result files short, cut, failing or expired for good', async () => {
    await admin('/__sim/config', { delayMs: 10 })
    const answer = await (await submit()).json()
    await new Promise((resolve) => setTimeout(resolve, 80))
    const [task] = (await admin('/__sim/tasks')).tasks
    const url = `${sim.url}/files/${encodeURIComponent(task.id)}/0.png`
    const whole = (await (await fetch(url)).arrayBuffer()).byteLength
    expect(answer).toBeTruthy()
    await admin('/__sim/config', { chaos: { rate: 1, seed: 11 } })
    const seen = new Set<string>()
    for (let i = 0; i < 30 && !seen.has('404'); i++) {
      const got = await fetch(url).then(
        async (r) => (r.status === 200 ? ((await r.arrayBuffer()).byteLength < whole ? 'short' : 'whole') : String(r.status)),
        () => 'cut',
      )
      seen.add(got)
    }
    expect(seen.has('404')).toBe(true)
    expect(seen.has('whole')).toBe(false)
    for (let i = 0; i < 3; i++) expect((await fetch(url)).status).toBe(404)
  })

  it.skipIf(seller === 'pixeldojo')('loses, delays or repeats webhooks', async () => {
    const hooks: unknown[] = []
    const receiver: PngServer = await pngServer((body) => hooks.push(body))
    try {
      await admin('/__sim/config', { delayMs: 10, chaos: { rate: 1, seed: 3 } })
      // Submits fail first under rate 1; keep submitting until 12 tasks exist, then count their webhooks.
      for (let i = 0; i < 200 && (await admin('/__sim/tasks')).tasks.length < 12; i++) await classify(submit(`${receiver.url}/hook`))
      const tasks = (await admin('/__sim/tasks')).tasks.length
      await new Promise((resolve) => setTimeout(resolve, 4_500))
      const { injected } = await admin('/__sim/chaos')
      const { webhook_lost = 0, webhook_late = 0, webhook_twice = 0 } = injected
      expect(webhook_lost + webhook_late + webhook_twice).toBe(tasks)
      expect(webhook_lost * webhook_late * webhook_twice).toBeGreaterThan(0)
      expect(hooks).toHaveLength(webhook_late + 2 * webhook_twice)
      expect((await admin('/__sim/stats')).webhooks.filter((w: { error: string | null }) => w.error === 'lost (chaos)')).toHaveLength(webhook_lost)
    } finally {
      await receiver.close()
    }
  }, 20_000)
})
