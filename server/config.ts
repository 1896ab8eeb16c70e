import { PROVIDERS, type ProviderName } from '../shared/api/enums'
import type { Env } from './env'
import { parseClientTokens, type ClientToken } from './auth/client-tokens'
import { JOB_DEADLINE_MS } from './jobs/deadline'
import { DEFAULT_JOB_RETENTION_DAYS, MAX_JOB_RETENTION_DAYS } from './jobs/retention'

export interface KlingAccess {
  base: string
  /** `KLING_API_KEY` when set wins over the key pair (kling-upstream.md §1.2). */
  auth: { kind: 'api_key'; apiKey: string } | { kind: 'key_pair'; accessKey: string; secretKey: string }
}

/** A seller's API base (no trailing slash) and the account's key. */
export interface SellerAccess {
  base: string
  apiKey: string
}

export type SellerName = Exclude<ProviderName, 'kling'>

/** Everything the Worker reads from its environment, checked once per request. */
export interface Config {
  provider: ProviderName
  /** Set when `provider` is kling. */
  kling: KlingAccess | null
  /** Set when `provider` is a seller (fal, pixeldojo, apimodels). */
  seller: SellerAccess | null
  clientTokens: ClientToken[]
  /** The Worker's public origin, without a trailing slash. */
  publicBaseUrl: string | null
  /** Key of callback-URL tokens; required with publicBaseUrl. Jobs are submitted with a `callback_url` when both are set. */
  callbackSecret: string | null
  dailyImageLimit: number
  maxActiveJobs: number
  /** Task slots of the seller account (`UPSTREAM_CONCURRENCY`); the upstream object admits tasks within them. */
  upstreamConcurrency: number
  /** When an unfinished job fails with `timeout` (`JOB_DEADLINE_S`, at most the default 10 minutes). */
  jobDeadlineMs: number
  /** Days a finished job and its images are kept after it ended (`JOB_RETENTION_DAYS`), then deleted by the alarm. */
  jobRetentionDays: number
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; setting: string; reason: string }

const DEFAULT_KLING_BASE = 'https://api-singapore.klingai.com'

/** Each seller's settings: the var with its API base (and its default) and the secret with its key. */
const SELLER_SETTINGS: Record<SellerName, { baseVar: keyof Env; defaultBase: string; keyVar: keyof Env; label: string }> = {
  fal: { baseVar: 'FAL_QUEUE_BASE', defaultBase: 'https://queue.fal.run', keyVar: 'FAL_KEY', label: 'fal.ai' },
  pixeldojo: { baseVar: 'PIXELDOJO_API_BASE', defaultBase: 'https://pixeldojo.ai', keyVar: 'PIXELDOJO_API_KEY', label: 'PixelDojo' },
  apimodels: { baseVar: 'APIMODELS_API_BASE', defaultBase: 'https://apimodels.app', keyVar: 'APIMODELS_API_KEY', label: 'apimodels.app' },
}

/**
 * Validates the environment. A bad setting is reported by name (never by value, which may be a secret):
 * `/v1/health` shows the reason, other routes answer 503 `upstream_unavailable`.
 */
export function readConfig(env: Env): ConfigResult {
  const provider = (env.PROVIDER ?? 'kling').trim() || 'kling'
  if (!isProviderName(provider)) return fail('PROVIDER', `PROVIDER must be one of ${PROVIDERS.join(', ')}.`)
  let kling: KlingAccess | null = null
  let seller: SellerAccess | null = null
  if (provider === 'kling') {
    const read = readKling(env)
    if ('setting' in read) return fail(read.setting, read.reason)
    kling = read
  } else {
    const read = readSeller(env, provider)
    if ('setting' in read) return fail(read.setting, read.reason)
    seller = read
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
  const upstreamConcurrency = count(env.UPSTREAM_CONCURRENCY, 5)
  if (upstreamConcurrency === null || upstreamConcurrency < 1) {
    return fail('UPSTREAM_CONCURRENCY', 'UPSTREAM_CONCURRENCY must be a whole number >= 1.')
  }

  const deadlineS = count(env.JOB_DEADLINE_S, JOB_DEADLINE_MS / 1000)
  if (deadlineS === null || deadlineS < 30 || deadlineS > JOB_DEADLINE_MS / 1000) {
    return fail('JOB_DEADLINE_S', `JOB_DEADLINE_S must be a whole number of seconds from 30 to ${JOB_DEADLINE_MS / 1000}.`)
  }

  const jobRetentionDays = count(env.JOB_RETENTION_DAYS, DEFAULT_JOB_RETENTION_DAYS)
  if (jobRetentionDays === null || jobRetentionDays < 1 || jobRetentionDays > MAX_JOB_RETENTION_DAYS) {
    return fail('JOB_RETENTION_DAYS', `JOB_RETENTION_DAYS must be a whole number of days from 1 to ${MAX_JOB_RETENTION_DAYS}.`)
  }

  return {
    ok: true,
    config: {
      provider,
      kling,
      seller,
      clientTokens: tokens.tokens,
      publicBaseUrl: publicBase || null,
      callbackSecret,
      dailyImageLimit,
      maxActiveJobs,
      upstreamConcurrency,
      jobDeadlineMs: deadlineS * 1000,
      jobRetentionDays,
    },
  }
}

function readKling(env: Env): KlingAccess | { setting: string; reason: string } {
  const base = (env.KLING_API_BASE ?? '').trim() || DEFAULT_KLING_BASE
  if (!isHttpUrl(base)) return { setting: 'KLING_API_BASE', reason: 'KLING_API_BASE must be an http(s) URL.' }
  const apiKey = env.KLING_API_KEY?.trim()
  const accessKey = env.KLING_ACCESS_KEY?.trim()
  const secretKey = env.KLING_SECRET_KEY?.trim()
  if (apiKey) return { base: base.replace(/\/+$/, ''), auth: { kind: 'api_key', apiKey } }
  if (accessKey && secretKey) return { base: base.replace(/\/+$/, ''), auth: { kind: 'key_pair', accessKey, secretKey } }
  return {
    setting: accessKey ? 'KLING_SECRET_KEY' : 'KLING_ACCESS_KEY',
    reason: 'Kling credentials are missing: set KLING_API_KEY, or both KLING_ACCESS_KEY and KLING_SECRET_KEY.',
  }
}

function readSeller(env: Env, seller: SellerName): SellerAccess | { setting: string; reason: string } {
  const { baseVar, defaultBase, keyVar, label } = SELLER_SETTINGS[seller]
  const base = String(env[baseVar] ?? '').trim() || defaultBase
  if (!isHttpUrl(base)) return { setting: baseVar, reason: `${baseVar} must be an http(s) URL.` }
  const apiKey = String(env[keyVar] ?? '').trim()
  if (!apiKey) return { setting: keyVar, reason: `The ${label} key is missing: set the secret ${keyVar}.` }
  return { base: base.replace(/\/+$/, ''), apiKey }
}

function isProviderName(value: string): value is ProviderName {
  return (PROVIDERS as readonly string[]).includes(value)
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
