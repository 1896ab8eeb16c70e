import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Chaos } from './private/chaos'
import { startKlingSimulator, type KlingSimulator } from './kling-simulator'
import { download, SimClient } from './fixtures/sim-client'

let sim: KlingSimulator
let client: SimClient

beforeAll(async () => {
  sim = await startKlingSimulator({ delayMs: 20 })
  client = new SimClient(sim.url)
})
afterAll(() => sim.close())
beforeEach(() => client.reset())

const body = { prompt: 'p', model_name: 'kling-v3' }

/** One raw create: the status and the body text, or 'lost' when the connection was cut. */
async function rawCreate(): Promise<{ status: number; text: string } | 'lost'> {
  try {
    const response = await fetch(`${sim.url}/v1/images/generations`, {
      method: 'POST',
      headers: { Authorization: 'Bearer dev-api-key', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    return { status: response.status, text: await response.text() }
  } catch {
    return 'lost'
  }
}

describe('chaos mode', () => {
  it('is deterministic for a seed and fails about the configured share of calls', () => {
    const picks = (seed: number) => {
      const chaos = new Chaos({ rate: 0.2, seed, stallMs: 0 })
      return Array.from({ length: 2000 }, () => chaos.pick('create')?.kind ?? null)
    }
    expect(picks(7)).toEqual(picks(7))
    expect(picks(7)).not.toEqual(picks(8))
    const share = picks(7).filter(Boolean).length / 2000
    expect(share).toBeGreaterThan(0.17)
    expect(share).toBeLessThan(0.23)
  })

  it('answers creates with every documented failure, and creates the task only where the answer is lost or malformed', async () => {
    await client.configure({ chaos: { rate: 1, seed: 3 } })
    const answers: Awaited<ReturnType<typeof rawCreate>>[] = []
    for (let i = 0; i < 40; i++) answers.push(await rawCreate())
    const kinds = new Set(
      answers.map((a) => (a === 'lost' ? 'lost' : a.status === 200 ? 'malformed' : /^\{/.test(a.text) ? `${a.status}/${JSON.parse(a.text).code}` : `bare ${a.status}`)),
    )
    expect(kinds).toEqual(new Set(['429/1303', '500/5000', '503/5001', 'bare 502', 'lost', 'malformed']))
    for (const answer of answers) if (answer !== 'lost' && answer.status === 200) expect(() => JSON.parse(answer.text)).toThrow()
    const chaos = (await client.admin<{ injected: Record<string, number> }>('GET', 'chaos')).body
    expect((await client.tasks()).length).toBe((chaos.injected.lost_response ?? 0) + (chaos.injected.malformed_after_create ?? 0))
  })

  it('expires a task image for good once, and truncates or cuts others', async () => {
    const id = await client.createOk('generations', { ...body, n: 1 })
    const task = await client.waitForStatus('generations', id, 'succeed')
    const url = task.task_result.images![0].url
    await client.configure({ chaos: { rate: 1, seed: 11 } })
    const seen = new Set<string>()
    for (let i = 0; i < 30 && !seen.has('404'); i++) {
      const got = await download(url).then(
        (d) => (d.status === 200 ? `200 ${d.bytes.length}` : String(d.status)),
        () => 'cut',
      )
      seen.add(got.startsWith('200') ? 'short' : got)
    }
    expect(seen.has('404')).toBe(true)
    expect(seen.has('short') || seen.has('cut') || seen.has('500')).toBe(true)
    for (let i = 0; i < 5; i++) expect((await download(url)).status).toBe(404)
  })
})
