import { env } from 'cloudflare:workers'
import { expect, it } from 'vitest'
import { readConfig } from '../../server/config'
import type { Env } from '../../server/env'
import { upstreamStubAsync } from '../../server/upstream/upstream-stub'
import { resetWorld } from './helpers'

/**
 * Admissions per second of the upstream object, the one global point. Tasks of an owner whose object has no such
 * jobs drain through the full path: the upstream object admits a task, tells the owner object over RPC, the owner
 * object finds no such job and releases the slot over RPC, which admits the next. So each admission here costs
 * what one costs in production, plus a release.
 */
it('admits hundreds of tasks a second through the full owner round trip', async () => {
  await resetWorld()
  // The owner objects read the same configuration from the environment when they release.
  const result = readConfig(env as Env)
  if (!result.ok) throw new Error(result.reason)
  const upstream = await upstreamStubAsync(env, result.config)
  const TASKS = 1000
  const owners = ['throughput-a', 'throughput-b', 'throughput-c', 'throughput-d']
  // Queue them all first (the calling owner's own first admissions come back in the answer; release them too).
  const first: string[] = []
  for (const [i, owner] of owners.entries()) {
    const tasks = Array.from({ length: TASKS / owners.length }, (_, k) => ({ key: `job_T${i}${String(k).padStart(25, '0')}`, slots: 1 }))
    first.push(...(await upstream.enqueue(5, owner, tasks)).admitted)
  }
  const before = (await upstream.stats()).admissions
  const started = performance.now()
  await upstream.release(first)
  for (;;) {
    const stats = await upstream.stats()
    if (stats.waiting === 0 && stats.leased === 0) break
    if (performance.now() - started > 60_000) throw new Error(`stuck: ${JSON.stringify(stats)}`)
    await new Promise((r) => setTimeout(r, 20))
  }
  const seconds = (performance.now() - started) / 1000
  const admitted = (await upstream.stats()).admissions - before
  const perSecond = admitted / seconds
  console.log(`upstream object: ${admitted} admissions in ${seconds.toFixed(2)} s = ${perSecond.toFixed(0)} admissions/s (each with an owner-object notify and release round trip)`)
  expect(admitted).toBeGreaterThanOrEqual(TASKS - first.length)
  // A Kling account of 5 slots with ~10 s tasks admits 0.5 tasks a second; even 100 slots at 2 s would be 50.
  expect(perSecond).toBeGreaterThan(50)
})
