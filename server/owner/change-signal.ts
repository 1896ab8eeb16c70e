/**
 * Wakes every request waiting in this object when something changed. In memory only: a waiting request costs
 * no storage reads, however long it waits.
 */
export class ChangeSignal {
  private readonly waiters = new Set<() => void>()

  notify(): void {
    const waiters = [...this.waiters]
    this.waiters.clear()
    for (const wake of waiters) wake()
  }

  /** Resolves at the next `notify`, or after `ms`. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        this.waiters.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, Math.max(0, ms))
      this.waiters.add(wake)
    })
  }

  get waiting(): number {
    return this.waiters.size
  }
}
