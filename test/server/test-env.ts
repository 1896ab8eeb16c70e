/**
 * The port of the Kling simulator the server tests run against. `KF_SERVER_SIM_PORT` moves it, so that two
 * checkouts can run the suite side by side. Read in Node only (vitest config and global setup).
 */
export const SIM_PORT = Number(globalThis.process?.env?.KF_SERVER_SIM_PORT || 9311)

/** Secrets and vars of the Worker under test. Tests assert that none of the secret values ever leak. */
export const TEST_VARS = {
  PROVIDER: 'kling',
  KLING_ACCESS_KEY: 'dev-access-key',
  KLING_SECRET_KEY: 'dev-secret-key',
  CLIENT_TOKENS: 'alice:alice-token-7f3a9c,bob:bob-token-22d1e8',
  CALLBACK_SECRET: 'test-callback-secret',
  DAILY_IMAGE_LIMIT: '200',
  MAX_ACTIVE_JOBS: '20',
} as const
