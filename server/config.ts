import type { Env } from './env'
import { parseClientTokens, type ClientToken } from './auth/client-tokens'

/** Everything the Worker reads from its environment, checked once per request. */
export interface Config {
  provider: 'kling'
  kling: {
    base: string
    /** `KLING_API_KEY` when set wins over the key pair (kling-upstream.md §1.2). */
    auth: { kind: 'api_key'; apiKey: string } | { kind: 'key_pair'; accessKey: string; secretKey: string }
  }
  clientTokens: ClientToken[]
  /** The Worker's public origin, without a trailing slash. */
  publicBaseUrl: string | null
  /** Key of callback-URL tokens; required with publicBaseUrl. Jobs are submitted with a `callback_url` when both are set. */
  callbackSecret: string | null
  dailyImageLimit: number
  maxActiveJobs: number
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; setting: string; reason: string }

const DEFAULT_KLING_BASE = 'https://api-singapore.klingai.com'
const LATER_PROVIDERS = ['fal', 'pixeldojo', 'apimodels']

/**
 * Validates the environment. A bad setting is reported by name (never by value, which may be a secret):
 * `/v1/health` shows the reason, other routes answer 503 `upstream_unavailable`.
 */
export function readConfig(env: Env): ConfigResult {
  const provider = (env.PROVIDER ?? 'kling').trim()
  if (provider !== 'kling') {
    const reason = LATER_PROVIDERS.includes(provider)
      ? `PROVIDER=${provider} is not implemented yet; set PROVIDER to kling.`
      : 'PROVIDER must be kling.'
    return fail('PROVIDER', reason)
  }
  const base = (env.KLING_API_BASE ?? '').trim() || DEFAULT_KLING_BASE
  if (!isHttpUrl(base)) return fail('KLING_API_BASE', 'KLING_API_BASE must be an http(s) URL.')

  const apiKey = env.KLING_API_KEY?.trim()
  const accessKey = env.KLING_ACCESS_KEY?.trim()
  const secretKey = env.KLING_SECRET_KEY?.trim()
  let auth: Config['kling']['auth']
  if (apiKey) auth = { kind: 'api_key', apiKey }
  else if (accessKey && secretKey) auth = { kind: 'key_pair', accessKey, secretKey }
  else {
    return fail(
      accessKey ? 'KLING_SECRET_KEY' : 'KLING_ACCESS_KEY',
      'Kling credentials are missing: set KLING_API_KEY, or both KLING_ACCESS_KEY and KLING_SECRET_KEY.',
    )
  }

  const tokens = parseClientTokens(env.CLIENT_TOKENS ?? '')
  if (!tokens.ok) return fail('CLIENT_TOKENS', tokens.reason)

  const publicBase = env.PUBLIC_BASE_URL?.trim().replace(/\/+$/, '')
  if (publicBase && !isHttpUrl(publicBase)) return fail('PUBLIC_BASE_URL', 'PUBLIC_BASE_URL must be an http(s) URL.')
  const callbackSecret = env.CALLBACK_SECRET?.trim() || null
  // Callbacks and signed input URLs are both keyed by it: a public URL without it is a half-configured server.
  if (publicBase && !callbackSecret) {
    return fail('CALLBACK_SECRET', 'PUBLIC_BASE_URL is set but CALLBACK_SECRET is not; set CALLBACK_SECRET (any long random string).')
  }

  const dailyImageLimit = count(env.DAILY_IMAGE_LIMIT, 200)
  if (dailyImageLimit === null) return fail('DAILY_IMAGE_LIMIT', 'DAILY_IMAGE_LIMIT must be a whole number >= 0.')
  const maxActiveJobs = count(env.MAX_ACTIVE_JOBS, 20)
  if (maxActiveJobs === null || maxActiveJobs < 1) return fail('MAX_ACTIVE_JOBS', 'MAX_ACTIVE_JOBS must be a whole number >= 1.')

  return {
    ok: true,
    config: { provider, kling: { base: base.replace(/\/+$/, ''), auth }, clientTokens: tokens.tokens, publicBaseUrl: publicBase || null, callbackSecret, dailyImageLimit, maxActiveJobs },
  }
}

function fail(setting: string, reason: string): ConfigResult {
  return { ok: false, setting, reason }
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s/]+/.test(value)
}

function count(raw: string | undefined, fallback: number): number | null {
  if (raw === undefined || raw.trim() === '') return fallback
  return /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : null
}
