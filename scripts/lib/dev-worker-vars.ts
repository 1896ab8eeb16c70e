/**
 * What `npm run dev` and `npm run dev:server` give the local Worker: the simulator's dev keys and a dev client
 * token. Passed as `--var` (never committed in a .dev.vars); a `--var` on the command line wins.
 */
export function devWorkerVars(port: number): Record<string, string> {
  return {
    KLING_API_BASE: 'http://127.0.0.1:9001',
    KLING_ACCESS_KEY: 'dev-access-key',
    KLING_SECRET_KEY: 'dev-secret-key',
    CLIENT_TOKENS: 'dev:kf-dev-token',
    CALLBACK_SECRET: 'dev-callback-secret',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  }
}
