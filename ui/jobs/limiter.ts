/**
 * A counting semaphore whose size is read on every acquire, so a changed setting applies to the next job.
 * `acquire` resolves to a release function; a waiter whose signal aborts leaves the queue.
 */
export function createLimiter(max: () => number) {
  let running = 0
  const waiters: { resolve: () => void; signal?: AbortSignal }[] = []

  const pump = () => {
    while (waiters.length > 0 && running < Math.max(1, max())) {
      const next = waiters.shift()!
      if (next.signal?.aborted) continue
      running++
      next.resolve()
    }
  }

  const release = () => {
    running--
    pump()
  }

  return {
    acquire(signal?: AbortSignal): Promise<() => void> {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(abortError())
        let done = false
        const once = () => {
          if (done) return
          done = true
          release()
        }
        const waiter = { resolve: () => resolve(once), signal }
        signal?.addEventListener('abort', () => {
          const at = waiters.indexOf(waiter)
          if (at >= 0) {
            waiters.splice(at, 1)
            reject(abortError())
          }
        })
        waiters.push(waiter)
        pump()
      })
    },
    get running() {
      return running
    },
    get waiting() {
      return waiters.length
    },
  }
}

export type Limiter = ReturnType<typeof createLimiter>

export function abortError(): Error {
  const error = new Error('Aborted')
  error.name = 'AbortError'
  return error
}
