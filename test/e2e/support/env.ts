import { fileURLToPath } from 'node:url'

/** Fixed ports of the browser suite's own servers (not the dev defaults, nor the server tests' or the bench's). */
export const E2E = {
  simPort: 9401,
  workerPort: 8797,
  playgroundPort: 9402,
  /** The simulator's default delay: long enough to see a job running, short enough for a quick suite. */
  simDelayMs: 1500,
  owner: 'e2e',
  token: 'e2e-token',
  /** A second token of the same owner: what a user saves after the first was revoked (test/e2e/resilience). */
  rotatedToken: 'e2e-token-rotated',
} as const

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
