/**
 * The ports of the simulators the server tests run against. `KF_SERVER_SIM_PORT` moves them all (the Kling
 * simulator on it, the sellers and the Worker tunnel on the next five), so that two checkouts can run the suite side
 * by side. Read in Node only (vitest config and global setup).
 */
export const SIM_PORT = Number(globalThis.process?.env?.KF_SERVER_SIM_PORT || 9311)
export const SELLER_PORTS = {
  /** fal's submit server; its status server listens on the next port. */
  fal: SIM_PORT + 1,
  pixeldojo: SIM_PORT + 3,
  apimodels: SIM_PORT + 4,
  /** worker-tunnel.ts: the Worker's PUBLIC_BASE_URL for sellers that call it. */
  tunnel: SIM_PORT + 5,
} as const

/** Secrets and vars of the Worker under test. Tests assert that none of the secret values ever leak. */
export const TEST_VARS = {
  PROVIDER: 'kling',
  KLING_ACCESS_KEY: 'dev-access-key',
  KLING_SECRET_KEY: 'dev-secret-key',
  FAL_KEY: 'fal-key-5be1d07c',
  PIXELDOJO_API_KEY: 'pixeldojo-key-93a0f4',
  APIMODELS_API_KEY: 'apimodels-key-c71e28',
  CLIENT_TOKENS: 'alice:alice-token-7f3a9c,bob:bob-token-22d1e8',
  CALLBACK_SECRET: 'test-callback-secret',
  DAILY_IMAGE_LIMIT: '200',
  MAX_ACTIVE_JOBS: '20',
} as const

/** Where the Worker under test finds each seller (and the tunnel), as Worker vars. */
export function sellerBindings(): Record<string, string> {
  return {
    FAL_QUEUE_BASE: `http://127.0.0.1:${SELLER_PORTS.fal}`,
    PIXELDOJO_API_BASE: `http://127.0.0.1:${SELLER_PORTS.pixeldojo}`,
    APIMODELS_API_BASE: `http://127.0.0.1:${SELLER_PORTS.apimodels}`,
    TEST_TUNNEL_URL: `http://127.0.0.1:${SELLER_PORTS.tunnel}`,
  }
}
