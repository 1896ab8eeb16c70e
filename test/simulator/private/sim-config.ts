/** A canned error answered instead of handling a request: HTTP status + Kling code (+ message, else the default). */
export interface FaultResponse {
  status: number
  code: number
  message?: string | undefined
  /** Answer the bare HTTP status with a plain-text body and no envelope, as a proxy in front of Kling does. */
  bare?: boolean | undefined
}

export interface CdnFaults {
  /** The next N image GETs answer 500. */
  failures?: number | undefined
  /** Each image GET waits this long before answering. */
  delayMs?: number | undefined
  /** Image URLs answer 404 once this long past the task's succeed time (null/absent: never). */
  expireAfterMs?: number | null | undefined
}

/** Faults as accepted by `/__sim/config` (every key optional; a given key replaces the current value). */
export interface Faults {
  /** Consumed FIFO, one per create request (after auth), answered instead of handling it: nothing is created. */
  create?: FaultResponse[] | undefined
  /** Consumed FIFO, one per single-task GET (after auth). */
  query?: FaultResponse[] | undefined
  /** The next N accepted creates DO create their task, then the socket is destroyed without a response. */
  dropCreate?: number | undefined
  /** The next N created tasks end `failed`. */
  failTasks?: number | undefined
  /** Their `task_status_msg` (default "Image pixel is invalid", a real observed failure). */
  failMessage?: string | undefined
  /** Merged key by key into the current CDN faults. */
  cdn?: CdnFaults | undefined
}

/** Body of `/__sim/config` and `/__sim/reset`. */
export interface SimConfigPatch {
  /** Chaos mode: `rate` of the calls fail at random (seeded); null turns it off. See chaos.ts. */
  chaos?: { rate: number; seed: number; stallMs?: number | undefined } | null | undefined
  delayMs?: number | undefined
  /** Limit on the sum of `n` over non-terminal tasks (1303 above it); null = unlimited. */
  concurrency?: number | null | undefined
  faults?: Faults | undefined
}

/** The live configuration, all fields resolved. */
export interface SimConfig {
  delayMs: number
  concurrency: number | null
  faults: {
    create: FaultResponse[]
    query: FaultResponse[]
    dropCreate: number
    failTasks: number
    failMessage: string
    cdn: { failures: number; delayMs: number; expireAfterMs: number | null }
  }
}

export const DEFAULT_FAIL_MESSAGE = 'Image pixel is invalid'

export function defaultConfig(delayMs: number): SimConfig {
  return {
    delayMs,
    concurrency: null,
    faults: {
      create: [],
      query: [],
      dropCreate: 0,
      failTasks: 0,
      failMessage: DEFAULT_FAIL_MESSAGE,
      cdn: { failures: 0, delayMs: 0, expireAfterMs: null },
    },
  }
}

/** Applies a validated patch in place. */
export function applyConfigPatch(config: SimConfig, patch: SimConfigPatch): void {
  if (patch.delayMs !== undefined) config.delayMs = patch.delayMs
  if (patch.concurrency !== undefined) config.concurrency = patch.concurrency
  const faults = patch.faults
  if (!faults) return
  if (faults.create !== undefined) config.faults.create = faults.create.map((fault) => ({ ...fault }))
  if (faults.query !== undefined) config.faults.query = faults.query.map((fault) => ({ ...fault }))
  if (faults.dropCreate !== undefined) config.faults.dropCreate = faults.dropCreate
  if (faults.failTasks !== undefined) config.faults.failTasks = faults.failTasks
  if (faults.failMessage !== undefined) config.faults.failMessage = faults.failMessage
  if (faults.cdn?.failures !== undefined) config.faults.cdn.failures = faults.cdn.failures
  if (faults.cdn?.delayMs !== undefined) config.faults.cdn.delayMs = faults.cdn.delayMs
  if (faults.cdn?.expireAfterMs !== undefined) config.faults.cdn.expireAfterMs = faults.cdn.expireAfterMs
}
