/** Waiting on conditions, never on fixed sleeps. */

export interface WaitOptions {
  /** Default 30 s. */
  timeout?: number
  /** Poll interval, default 100 ms. */
  interval?: number
  /** What is being waited for, for the timeout message. */
  what: string
  /** Appended to the timeout message: the last state seen, say. */
  describe?: () => string | Promise<string>
}

/** Polls `probe` until it returns a value other than undefined/null/false, and returns that value. */
export async function waitFor<T>(probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, options: WaitOptions): Promise<T> {
  const timeout = options.timeout ?? 30_000
  const interval = options.interval ?? 100
  const deadline = Date.now() + timeout
  let lastError: unknown = null
  for (;;) {
    try {
      const value = await probe()
      if (value !== undefined && value !== null && value !== false) return value
      lastError = null
    } catch (error) {
      lastError = error
    }
    if (Date.now() >= deadline) break
    await new Promise((resolve) => setTimeout(resolve, interval))
  }
  const extra = options.describe ? await Promise.resolve(options.describe()).catch((e: unknown) => `(describe failed: ${String(e)})`) : ''
  const cause = lastError instanceof Error ? ` Last error: ${lastError.message}` : ''
  throw new Error(`Timed out after ${timeout} ms waiting for ${options.what}.${cause}${extra ? `\n${extra}` : ''}`)
}

/**
 * Asserts that `probe` stays false for `ms` (a negative check needs a window: "nothing happened for 3 s").
 * Returns early with an error as soon as it turns true.
 */
export async function stillFalseFor(probe: () => Promise<boolean> | boolean, ms: number, what: string, interval = 100): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await probe()) throw new Error(`Expected ${what} not to happen, but it did.`)
    await new Promise((resolve) => setTimeout(resolve, interval))
  }
}
