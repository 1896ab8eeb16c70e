/**
 * Load and crash (issue 9, suites 3 and 4): 200 jobs created at once by 10 owners against a 5-slot account, each
 * owner with a daily budget of 15 images racing 20 requests; wrangler dev is killed (SIGKILL) a third of the way
 * through and started again on the same local state. Every accepted job must succeed exactly once, budgets must be
 * exact, and nothing may be lost or duplicated.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { quantile, sleep, StressApi, type CreateOutcome } from './support/api'
import { checkInvariants, waitAllTerminal } from './support/invariants'
import { report } from './support/report'
import { startStack, type Stack } from './support/stack'
import { upstreamTasksAsync } from './support/upstream-tasks'

const OWNERS = Array.from({ length: 10 }, (_, i) => `owner${i + 1}`)
const PER_OWNER = 20
const BUDGET = 15
const SLOTS = 5

let stack: Stack
beforeAll(async () => {
  stack = await startStack({
    owners: OWNERS,
    delayMs: 1500,
    vars: { DAILY_IMAGE_LIMIT: String(BUDGET), MAX_ACTIVE_JOBS: String(PER_OWNER), UPSTREAM_CONCURRENCY: String(SLOTS) },
  })
  await fetch(`${stack.sim.url}/__sim/config`, { method: 'POST', body: JSON.stringify({ concurrency: SLOTS }) })
})
afterAll(() => stack?.close())

it(`${OWNERS.length * PER_OWNER} concurrent jobs, ${SLOTS} slots, racing budgets, a crash in the middle`, async () => {
  const api = new StressApi(() => stack.workerUrl, stack.tokens)
  const started = Date.now()
  const outcomes: CreateOutcome[] = await Promise.all(
    OWNERS.flatMap((owner) =>
      Array.from({ length: PER_OWNER }, (_, i) => api.create(owner, `load-${owner}-${i}`, { operation: 'generate', prompt: `load ${owner} ${i}`, n: 1 })),
    ),
  )
  const createdBy = Date.now()
  const accepted = outcomes.filter((o) => o.job)

  // Crash once a third of the accepted jobs have succeeded.
  let succeededAtCrash = 0
  for (const deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(500)) {
    succeededAtCrash = (await upstreamTasksAsync('kling', stack.sim.url)).filter((t) => t.finished).length
    if (succeededAtCrash >= accepted.length / 3) break
  }
  const { downMs } = await stack.crashAndRestart()

  const final = await waitAllTerminal(api, accepted, 5 * 60_000)
  const finishedBy = Date.now()
  const tasks = await upstreamTasksAsync('kling', stack.sim.url)
  const figures = await checkInvariants({ api, accepted, final, tasks })
  const perOwner = OWNERS.map((owner) => outcomes.filter((o) => o.owner === owner && o.job).length)

  report('load-and-crash', {
    owners: OWNERS.length,
    creates: outcomes.length,
    accepted_per_owner: perOwner,
    refused: countBy(outcomes.filter((o) => !o.job).map((o) => `${o.status} ${o.errorCode}`)),
    ...figures,
    unexpected_5xx: api.counters.unexpected5xx.length,
    wrangler_dev_proxy_restarts: api.counters.devProxyRestarts,
    network_errors_during_crash: api.counters.networkErrors,
    upstream_tasks: tasks.length,
    succeeded_upstream_at_crash: succeededAtCrash,
    worker_down_ms: downMs,
    create_latency_ms: { p50: quantile(outcomes.map((o) => o.latencyMs), 0.5), p99: quantile(outcomes.map((o) => o.latencyMs), 0.99) },
    creates_per_s: Math.round((outcomes.length / ((createdBy - started) / 1000)) * 10) / 10,
    jobs_per_s: Math.round((figures.jobsSucceeded / ((finishedBy - started) / 1000)) * 100) / 100,
    ideal_s: Math.ceil(accepted.length / SLOTS) * 1.5,
    wall_s: Math.round((finishedBy - started) / 1000),
  })

  // Budgets race: exactly BUDGET images per owner, not one over, the rest refused with 402.
  expect(perOwner).toEqual(OWNERS.map(() => BUDGET))
  expect(outcomes.filter((o) => !o.job).every((o) => o.status === 402 && o.errorCode === 'insufficient_credits')).toBe(true)
  expect(figures).toMatchObject({ jobsFailed: 0, jobsLost: 0, duplicateJobs: 0, duplicateUpstreamTasks: 0, stuckJobs: 0, brokenImages: 0, budgetOverspend: 0 })
  expect(figures.jobsSucceeded).toBe(accepted.length)
  expect(api.counters.unexpected5xx).toEqual([])
})

function countBy(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1
  return counts
}
