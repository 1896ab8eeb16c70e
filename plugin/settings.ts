// Main thread: the plugin's settings, kept in figma.clientStorage (the UI's null origin has no storage of its own).
import { RemoteError } from '../shared/protocol/channel'
import type { Settings } from '../shared/protocol/messages'
import { refusedOriginMessage, urlAllowed } from '../shared/network/network-access'
import { NETWORK_DOMAINS } from './network-domains'

/** Set by scripts/build.ts from KLING_FRAMES_BACKEND_URL. */
declare const __DEFAULT_BACKEND_URL__: string

/** The clientStorage key; a new shape of settings gets a new version rather than a migration guess. */
export const SETTINGS_KEY = 'settings/v1'

export const MAX_CONCURRENCY = 6

export const DEFAULT_SETTINGS: Settings = {
  backendUrl: __DEFAULT_BACKEND_URL__,
  token: '',
  concurrency: 6,
  styleSuffix: '',
  exactFit: false,
}

const HTTP_URL = /^https?:\/\/\S+$/

/**
 * The defaults overlaid with whatever fields of `stored` are usable. Stored data comes from older versions or a
 * wiped cache, so anything of the wrong type or out of range falls back to its default instead of failing.
 */
export function parseSettings(stored: unknown): Settings {
  const value = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {}
  const text = (key: 'backendUrl' | 'token' | 'styleSuffix') =>
    typeof value[key] === 'string' ? (value[key] as string).trim() : DEFAULT_SETTINGS[key]
  const backendUrl = text('backendUrl').replace(/\/+$/, '')
  const concurrency = value.concurrency
  return {
    backendUrl: HTTP_URL.test(backendUrl) ? backendUrl : DEFAULT_SETTINGS.backendUrl,
    token: text('token'),
    concurrency:
      typeof concurrency === 'number' && Number.isInteger(concurrency) && concurrency >= 1
        ? Math.min(concurrency, MAX_CONCURRENCY)
        : DEFAULT_SETTINGS.concurrency,
    styleSuffix: text('styleSuffix'),
    exactFit: typeof value.exactFit === 'boolean' ? value.exactFit : DEFAULT_SETTINGS.exactFit,
  }
}

export async function loadSettingsAsync(): Promise<Settings> {
  return parseSettings(await figma.clientStorage.getAsync(SETTINGS_KEY))
}

/**
 * Stores `settings` after the same clean-up as loading, so what is read back is what was saved. A backend URL
 * that is not http(s), or that the manifest's networkAccess does not declare (Figma would refuse every request
 * to it), is refused rather than silently replaced by the default.
 */
export async function saveSettingsAsync(settings: Settings): Promise<Settings> {
  const url = typeof settings?.backendUrl === 'string' ? settings.backendUrl.trim() : ''
  if (!HTTP_URL.test(url)) {
    throw new RemoteError('invalid_settings', 'The backend URL must start with http:// or https://')
  }
  if (!urlAllowed(url, NETWORK_DOMAINS)) throw new RemoteError('origin_not_allowed', refusedOriginMessage(url, NETWORK_DOMAINS))
  const clean = parseSettings(settings)
  await figma.clientStorage.setAsync(SETTINGS_KEY, clean)
  return clean
}
