import { expect, test } from 'vitest'
import { createLimiter } from '../../../ui/jobs/limiter'

const tick = () => new Promise((r) => setTimeout(r, 0))

test('runs at most `max` at once and starts the next on release', async () => {
  const limiter = createLimiter(() => 2)
  const started: number[] = []
  const releases: (() => void)[] = []
  for (const i of [1, 2, 3]) void limiter.acquire().then((release) => (started.push(i), releases.push(release)))
  await tick()
  expect(started).toEqual([1, 2])
  expect(limiter.waiting).toBe(1)
  releases[0]()
  releases[0]() // a second release of the same slot is ignored
  await tick()
  expect(started).toEqual([1, 2, 3])
  expect(limiter.running).toBe(2)
})

test('an aborted waiter leaves the queue and rejects with AbortError', async () => {
  const limiter = createLimiter(() => 1)
  const first = await limiter.acquire()
  const controller = new AbortController()
  const waiting = limiter.acquire(controller.signal)
  controller.abort()
  await expect(waiting).rejects.toMatchObject({ name: 'AbortError' })
  expect(limiter.waiting).toBe(0)
  first()
  expect(limiter.running).toBe(0)
})

test('reads its size on every acquire', async () => {
  let max = 1
  const limiter = createLimiter(() => max)
  await limiter.acquire()
  let second = false
  void limiter.acquire().then(() => (second = true))
  await tick()
  expect(second).toBe(false)
  max = 2
  // The next acquire applies the new size: the waiter ahead of it gets the free slot first.
  let third = false
  void limiter.acquire().then(() => (third = true))
  await tick()
  expect([second, third]).toEqual([true, false])
})
