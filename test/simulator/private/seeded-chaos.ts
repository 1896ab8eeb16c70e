/**
 * The seeded core of every simulator's chaos mode (Kling's and the sellers'): a share of calls on each surface
 * fails with a fault kind drawn from that surface's table, deterministically for a seed and call order, and what was
 * injected is counted for the stress suites' reports. Which faults exist and how they look is each simulator's own.
 */
import * as z from 'zod/mini'
import { mulberry32 } from './mulberry32'

export interface ChaosConfig {
  /** Share of calls that fail, 0 to 1. */
  rate: number
  seed: number
  /** How long a stalled answer is held (default 16 s: past the backend's 15 s GET timeout). */
  stallMs: number
}

/** `{chaos: {rate, seed, stallMs?}}` in a simulator's `/__sim/config` body; null turns chaos off. */
export const chaosConfigSchema = z.strictObject({
  rate: z.number().check(z.gte(0), z.lte(1)),
  seed: z.number().check(z.int()),
  stallMs: z.optional(z.number().check(z.int(), z.gte(0))),
})

export const DEFAULT_STALL_MS = 16_000

/** Picks faults from a seeded generator and counts what it injected. */
export class SeededChaos<Surface extends string, Kind extends string> {
  readonly injected: Partial<Record<Kind, number>> = {}
  readonly calls: Record<Surface, number>
  /** Tasks whose result URLs expired for good: every later download is 404, as upstream. */
  readonly expired = new Set<string>()
  private next: () => number

  constructor(
    readonly config: ChaosConfig,
    /** The fault kinds of each surface; a kind listed twice is drawn twice as often. */
    private readonly kinds: Record<Surface, readonly Kind[]>,
  ) {
    this.next = mulberry32(config.seed)
    this.calls = Object.fromEntries(Object.keys(kinds).map((surface) => [surface, 0])) as Record<Surface, number>
  }

  /** The fault for this call, or null to answer it normally. */
  pick(surface: Surface): { kind: Kind } | null {
    this.calls[surface]++
    const kinds = this.kinds[surface]
    if (this.next() >= this.config.rate || kinds.length === 0) return null
    const kind = kinds[Math.floor(this.next() * kinds.length)]
    this.injected[kind] = (this.injected[kind] ?? 0) + 1
    return { kind }
  }

  /** Holds a stalled answer for the configured time. */
  stall(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.config.stallMs))
  }

  toJSON() {
    return { config: this.config, calls: this.calls, injected: this.injected }
  }
}
