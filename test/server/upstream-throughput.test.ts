import { env } from 'cloudflare:workers'
import { expect, it } from 'vitest'
import { readConfig } from '../../server/config'
import type { Env } from '../../server/env'
import { upstreamStubAsync } from '../../server/upstream/upstream-stub'
import { resetWorld } from './helpers'

/**
 * Admissions per second of the upstream object, the one global point. Tasks of owners whose objects have no such
 * jobs drain through the full path: the upstream object admits a task, tells the owner object over RPC, the owner
 * object finds no such job and gives the slot back over RPC, which admits the next. Each admission here costs what
 * one costs in production plus a release, and each slot turns over one RPC round trip after another.
 */
it.each([5, 50])('admits far more tasks a second than a seller account runs, at %i slots', async (slots) => {
  await resetWorld()
  // The owner objects read the same configuration from the environment when they give slots back.
  const result = readConfig(env as Env)
  if (!result.ok) throw new Error(result.reason)
  const upstream = await upstreamStubAsync(env, result.config)
  const TASKS = 1000
  const owners = ['throughput-a', 'throughput-b', 'throughput-c', 'throughput-d']
  const first: string[] = []
  for (const [i, owner] of owners.entries()) {
    const tasks = Array.from({ length: TASKS / owners.length }, (_, k) => ({ key: `job_T${slots}${i}${String(k).padStart(20, '0')}`, slots: 1 }))
    first.push(...(await upstream.enqueue(slots, owner, tasks)).admitted)
  }
  const before = (await upstream.stats()).admissions
  const started = performance.now()
  await upstream.release(first)
  for (;;) {
    const stats = await upstream.stats()
    if (stats.waiting === 0 && stats.leased === 0) break
    if (performance.now() - started > 80_000) throw new Error(`stuck: ${JSON.stringify(stats)}`)
    await new Promise((r) => setTimeout(r, 20))
  }
  const seconds = (performance.now() - started) / 1000
  const admitted = (await upstream.stats()).admissions - before
  const perSecond = admitted / seconds
  console.log(`upstream object, ${slots} slots: ${admitted} admissions in ${seconds.toFixed(2)} s = ${perSecond.toFixed(0)} admissions/s (each with an owner-object notify and release round trip)`)
  expect(admitted).toBeGreaterThanOrEqual(TASKS - first.length)
  // A Kling account of 5 slots with ~10 s tasks admits 0.5 tasks a second; 100 slots at 2 s would be 50.
  expect(perSecond).toBeGreaterThan(20)
}, 90_000)
