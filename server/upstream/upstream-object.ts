import { DurableObject } from 'cloudflare:workers'
import type { Env } from '../env'
import { JOB_DEADLINE_MS } from '../jobs/deadline'
import { logEvent } from '../log'
import { fairOrder, type WaitingTask } from './fair-order'
import { ownerStub } from './upstream-stub'

/** A task's slots come back by themselves this long after admission if its owner object never reports its end. */
export const SLOT_LEASE_MS = JOB_DEADLINE_MS + 60_000
/** After the seller said "full" anyway (its account is shared), admissions pause this long, doubling up to the cap. */
const HOLD_MS = 1_000
const HOLD_CAP_MS = 8_000
/** Queue positions are sent to owners at most this often: bursts of enqueues and admissions coalesce. */
const PUBLISH_DELAY_MS = 25

export interface EnqueueTask {
  key: string
  slots: number
}

export interface EnqueueResult {
  /** The caller's tasks that hold their slots now: submit them. */
  admitted: string[]
  /** 1-based queue positions of the caller's tasks still waiting. */
  positions: Record<string, number>
}

export interface UpstreamStats {
  limit: number
  used: number
  waiting: number
  leased: number
  admissions: number
}

/**
 * One seller account's concurrency: a queue of tasks, fair across owners, and `limit` slots. A task is admitted
 * when its slots are free and holds them until its owner object releases it (its task ended upstream, or its job
 * ended) or, failing that, until its lease expires. Only bookkeeping here, a few indexed statements per
 * admission; owner objects do the upstream calls.
 */
export class UpstreamObject extends DurableObject<Env> {
  private readonly sql: SqlStorage
  private publishTimer: ReturnType<typeof setTimeout> | null = null
  /** Admissions since this instance started (the benchmark's throughput figure). */
  private admissions = 0
  /** The alarm this instance set (null: none, or it ran). Moved only earlier: an early alarm just admits again. */
  private alarmAt: number | null = null

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    this.sql.exec(`CREATE TABLE IF NOT EXISTS waiting (
      task_key TEXT PRIMARY KEY, owner TEXT NOT NULL, slots INTEGER NOT NULL, seq INTEGER NOT NULL, head INTEGER NOT NULL DEFAULT 0)`)
    this.sql.exec('CREATE INDEX IF NOT EXISTS waiting_owner ON waiting (owner, seq)')
    this.sql.exec('CREATE INDEX IF NOT EXISTS waiting_head ON waiting (head, seq)')
    this.sql.exec(`CREATE TABLE IF NOT EXISTS leases (
      task_key TEXT PRIMARY KEY, owner TEXT NOT NULL, slots INTEGER NOT NULL, expires_at INTEGER NOT NULL)`)
    this.sql.exec('CREATE INDEX IF NOT EXISTS leases_expiry ON leases (expires_at)')
    this.sql.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
  }

  /**
   * Queues the owner's tasks (a task already queued or admitted stays as it is, so asking again is safe) and
   * admits what fits. `limit` is the configured slot count, taken from the latest caller.
   */
  async enqueue(limit: number, owner: string, tasks: EnqueueTask[]): Promise<EnqueueResult> {
    this.setMeta('limit', String(limit))
    const admitted: string[] = []
    for (const task of tasks) {
      if (this.one('SELECT 1 AS x FROM leases WHERE task_key = ?', task.key)) admitted.push(task.key)
      else if (!this.one('SELECT 1 AS x FROM waiting WHERE task_key = ?', task.key)) {
        this.sql.exec('INSERT INTO waiting (task_key, owner, slots, seq) VALUES (?, ?, ?, ?)', task.key, owner, task.slots, this.nextSeq())
      }
    }
    admitted.push(...this.admit(owner))
    const positions = this.positionsOf(owner)
    this.schedulePublish()
    return { admitted, positions }
  }

  /** The tasks ended (or their job did): their slots, or their place in the queue, are given back. */
  async release(keys: string[]): Promise<void> {
    for (const key of keys) {
      this.sql.exec('DELETE FROM leases WHERE task_key = ?', key)
      this.sql.exec('DELETE FROM waiting WHERE task_key = ?', key)
    }
    if (keys.length) this.setMeta('hold_ms', String(0))
    this.admit(null)
    this.schedulePublish()
  }

  /**
   * The seller refused an admitted task as over its limit: it goes back to the head of the queue without its slots,
   * and admissions pause a moment (doubling while refusals repeat), since the account is fuller than we know.
   */
  async requeue(owner: string, task: EnqueueTask): Promise<number> {
    this.sql.exec('DELETE FROM leases WHERE task_key = ?', task.key)
    this.sql.exec(
      'INSERT INTO waiting (task_key, owner, slots, seq, head) VALUES (?, ?, ?, ?, 1) ON CONFLICT (task_key) DO UPDATE SET head = 1',
      task.key, owner, task.slots, this.nextSeq(),
    )
    const hold = Math.min(HOLD_CAP_MS, Math.max(HOLD_MS, Number(this.meta('hold_ms') ?? 0) * 2))
    this.setMeta('hold_ms', String(hold))
    this.setMeta('hold_until', String(Date.now() + hold))
    this.alarmAt = Date.now() + hold
    await this.ctx.storage.setAlarm(this.alarmAt)
    this.schedulePublish()
    return this.positionsOf(owner)[task.key] ?? 1
  }

  async stats(): Promise<UpstreamStats> {
    return {
      limit: this.limit(),
      used: this.usedSlots(),
      waiting: this.one<{ c: number }>('SELECT COUNT(*) AS c FROM waiting')?.c ?? 0,
      leased: this.one<{ c: number }>('SELECT COUNT(*) AS c FROM leases')?.c ?? 0,
      admissions: this.admissions,
    }
  }

  /** A pause ended, or a lease is due to expire: admit again. */
  override async alarm(): Promise<void> {
    this.alarmAt = null
    this.admit(null)
    this.schedulePublish()
  }

  /**
   * Admits waiting tasks in fair order while their slots are free; returns the keys admitted for `caller` and
   * tells every other owner about theirs. Expired leases are reclaimed first.
   */
  private admit(caller: string | null): string[] {
    const now = Date.now()
    const expired = this.sql.exec<{ task_key: string; owner: string }>('SELECT task_key, owner FROM leases WHERE expires_at <= ?', now).toArray()
    for (const lease of expired) {
      logEvent('warn', 'upstream_lease_expired', { task_key: lease.task_key })
      this.sql.exec('DELETE FROM leases WHERE task_key = ?', lease.task_key)
    }
    const holdUntil = Number(this.meta('hold_until') ?? 0)
    const mine: string[] = []
    const others = new Map<string, string[]>()
    if (holdUntil <= now) {
      const limit = this.limit()
      let used = this.usedSlots()
      let last = this.meta('last_owner') ?? ''
      for (;;) {
        const next = this.nextWaiting(last)
        if (!next) break
        const need = Math.min(next.slots, limit)
        if (used + need > limit) break
        this.sql.exec('DELETE FROM waiting WHERE task_key = ?', next.task_key)
        this.sql.exec('INSERT OR REPLACE INTO leases (task_key, owner, slots, expires_at) VALUES (?, ?, ?, ?)', next.task_key, next.owner, next.slots, now + SLOT_LEASE_MS)
        used += need
        this.admissions++
        if (next.head !== 1) last = next.owner
        if (next.owner === caller) mine.push(next.task_key)
        else others.set(next.owner, [...(others.get(next.owner) ?? []), next.task_key])
      }
      this.setMeta('last_owner', last)
    }
    for (const [owner, keys] of others) {
      ownerStub(this.env, owner).admitted(keys).catch((error: unknown) => {
        // The owner object asks again on its own (its queued tasks re-enqueue every half minute).
        logEvent('warn', 'upstream_notify_failed', { error: error instanceof Error ? error.message : 'unknown' })
      })
    }
    void this.scheduleAlarm(holdUntil > now ? holdUntil : null)
    return mine
  }

  /** The next task in fair order, found with indexed lookups only (no scan of the queue). */
  private nextWaiting(lastOwner: string): WaitingTask | null {
    const head = this.one<WaitingTask>('SELECT * FROM waiting WHERE head = 1 ORDER BY seq LIMIT 1')
    if (head) return head
    const owner =
      this.one<{ owner: string }>('SELECT owner FROM waiting WHERE owner > ? ORDER BY owner LIMIT 1', lastOwner)?.owner ??
      this.one<{ owner: string }>('SELECT owner FROM waiting ORDER BY owner LIMIT 1')?.owner
    return owner ? this.one<WaitingTask>('SELECT * FROM waiting WHERE owner = ? ORDER BY seq LIMIT 1', owner) : null
  }

  private async scheduleAlarm(holdUntil: number | null): Promise<void> {
    const expiry = this.one<{ at: number | null }>('SELECT MIN(expires_at) AS at FROM leases')?.at ?? null
    const at = [holdUntil, expiry].filter((t): t is number => t !== null)
    if (!at.length) return
    // Each alarm write is a storage commit (and, locally, an fsync that holds up the whole runtime): only when it
    // moves earlier. Leases end later than the ones before them, so admissions rarely move it.
    const next = Math.min(...at)
    if (this.alarmAt !== null && this.alarmAt <= next) return
    this.alarmAt = next
    await this.ctx.storage.setAlarm(next)
  }

  /** Queue positions of one owner's waiting tasks. */
  private positionsOf(owner: string): Record<string, number> {
    const positions: Record<string, number> = {}
    if (!this.one('SELECT 1 AS x FROM waiting WHERE owner = ?', owner)) return positions
    fairOrder(this.waiting(), this.meta('last_owner') ?? '').forEach((task, i) => {
      if (task.owner === owner) positions[task.task_key] = i + 1
    })
    return positions
  }

  /** Sends every owner with waiting tasks their positions, once per burst of changes. */
  private schedulePublish(): void {
    if (this.publishTimer) return
    this.publishTimer = setTimeout(() => {
      this.publishTimer = null
      const byOwner = new Map<string, Record<string, number>>()
      fairOrder(this.waiting(), this.meta('last_owner') ?? '').forEach((task, i) => {
        const positions = byOwner.get(task.owner) ?? {}
        positions[task.task_key] = i + 1
        byOwner.set(task.owner, positions)
      })
      for (const [owner, positions] of byOwner) {
        ownerStub(this.env, owner).positions(positions).catch(() => {
          // Positions are advisory; the next change sends them again.
        })
      }
    }, PUBLISH_DELAY_MS)
  }

  private waiting(): WaitingTask[] {
    return this.sql.exec<WaitingTask>('SELECT * FROM waiting').toArray()
  }

  private usedSlots(): number {
    return this.one<{ used: number | null }>('SELECT SUM(slots) AS used FROM leases')?.used ?? 0
  }

  private limit(): number {
    return Number(this.meta('limit') ?? 5)
  }

  private nextSeq(): number {
    const row = this.one<{ value: string }>(
      `INSERT INTO meta (key, value) VALUES ('seq', '1') ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1 RETURNING value`,
    )
    return Number(row!.value)
  }

  private meta(key: string): string | null {
    return this.one<{ value: string }>('SELECT value FROM meta WHERE key = ?', key)?.value ?? null
  }

  /** Writes only when the value changes: an unchanged row leaves nothing to commit. */
  private setMeta(key: string, value: string): void {
    this.sql.exec('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value', key, value)
  }

  private one<T extends Record<string, SqlStorageValue> = Record<string, SqlStorageValue>>(query: string, ...bindings: unknown[]): T | null {
    return (this.sql.exec<T>(query, ...bindings).toArray()[0] as T | undefined) ?? null
  }
}
