/** Set at build time by scripts/build.ts: the backend a fresh install talks to. */
declare const __DEFAULT_BACKEND_URL__: string
