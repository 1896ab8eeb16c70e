/**
 * Figma's `networkAccess` rules as pure code: which backend origins a build may declare, the manifest entry for
 * one, whether a URL falls under a declared domain, and the Content-Security-Policy Figma derives from it.
 * Used by the build (writes the manifest), the plugin (Settings accepts only declared origins), the panel
 * (names `networkAccess` when a request is refused) and the playground (refuses what Figma refuses).
 */

/** The manifest's `networkAccess` block. */
export interface NetworkAccess {
  /** `["none"]` blocks every domain (outside development). */
  allowedDomains: string[]
  /** Also allowed while the plugin runs from "Import plugin from manifest…". */
  devAllowedDomains?: string[]
  reasoning?: string
}

export type OriginCheck = { ok: true; origin: string; local: boolean } | { ok: false; reason: string }

const LOCAL_HOSTS = new Set(['localhost'])

export interface ParsedUrl {
  /** `https:`, lower case. */
  protocol: string
  hostname: string
  /** Empty for the scheme's default port. */
  port: string
  pathname: string
  /** Query, fragment or credentials present. */
  extra: boolean
  origin: string
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' }

/**
 * A URL's parts, without the URL class: Figma's main-thread sandbox has no `URL`, and this module runs there.
 * Null when it is not an absolute URL with a host.
 */
export function parseUrl(text: string): ParsedUrl | null {
  const match = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#@]*@)?(\[[^\]]*\]|[^/?#:]+)(?::(\d*))?([^?#]*)([?#].*)?$/i.exec(text.trim())
  if (!match) return null
  const protocol = match[1].toLowerCase()
  const hostname = match[3].toLowerCase()
  const port = match[4] && match[4] !== DEFAULT_PORTS[protocol] ? String(Number(match[4])) : ''
  return {
    protocol,
    hostname,
    port,
    pathname: match[5] || '/',
    extra: Boolean(match[2] || match[6]),
    origin: `${protocol}//${hostname}${port ? `:${port}` : ''}`,
  }
}

/**
 * The origin of a backend URL given to the build (KLING_FRAMES_BACKEND_URL), or why Figma could not reach it:
 * it must be http(s); plain http only for localhost (Figma's page is https, so the browser blocks other http
 * requests as mixed content); no IP literals (Figma refuses them in networkAccess); a workers.dev host must be
 * `<worker>.<account>.workers.dev`; and only an origin, no path.
 */
export function checkBackendOrigin(input: string): OriginCheck {
  const text = input.trim()
  const url = parseUrl(text)
  if (!url) {
    return { ok: false, reason: `"${text}" is not a URL; expected an origin such as https://kling-frames.<account>.workers.dev` }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `"${text}" must start with https:// (or http://localhost for development)` }
  }
  const host = url.hostname
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[')) {
    return { ok: false, reason: `"${text}" uses an IP address; Figma refuses IP literals in networkAccess, use localhost or a domain name` }
  }
  const local = LOCAL_HOSTS.has(host)
  if (url.protocol === 'http:' && !local) {
    return { ok: false, reason: `"${text}" is plain http; Figma's panel runs on https and the browser blocks http requests except to localhost. Use https://` }
  }
  if (host.endsWith('.workers.dev') && host.split('.').length < 4) {
    return { ok: false, reason: `"${text}" cannot be a Worker's address: workers.dev hosts are <worker>.<account>.workers.dev` }
  }
  if (url.pathname !== '/' || url.extra) {
    return { ok: false, reason: `"${text}" has more than an origin; give only scheme, host and port, e.g. ${url.origin}` }
  }
  return { ok: true, origin: url.origin, local }
}

/**
 * The `networkAccess` for a build whose backend is `origin`: a deployed origin becomes the one allowed domain;
 * a localhost origin is a development domain only (Figma allows localhost just for development plugins).
 * `template` supplies the other development domains and the reasoning.
 */
export function networkAccessFor(origin: string, local: boolean, template: NetworkAccess): NetworkAccess {
  const dev = [...(template.devAllowedDomains ?? [])]
  if (local && !dev.includes(origin)) dev.push(origin)
  return {
    allowedDomains: local ? ['none'] : [origin],
    ...(dev.length ? { devAllowedDomains: dev } : {}),
    ...(template.reasoning ? { reasoning: template.reasoning } : {}),
  }
}

/** Every domain pattern a development run may reach (allowed plus development domains, without "none"). */
export function reachableDomains(access: NetworkAccess): string[] {
  return [...access.allowedDomains, ...(access.devAllowedDomains ?? [])].filter((d) => d !== 'none')
}

interface DomainPattern {
  scheme: string | null
  /** Lower case; `*.` prefix kept for wildcards. */
  host: string
  port: string | null
  path: string
}

function parsePattern(pattern: string): DomainPattern | null {
  const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/:]+)(?::(\d+|\*))?(\/.*)?$/i.exec(pattern.trim())
  if (!match) return null
  return { scheme: match[1]?.toLowerCase() ?? null, host: match[2].toLowerCase(), port: match[3] ?? null, path: match[4] ?? '' }
}

/**
 * Whether `url` is covered by one of the manifest's domain patterns (`https://api.example.com`, `example.com`,
 * `*.example.com`, `example.com/api/`, `http://localhost:8787`), as Figma's CSP decides.
 */
export function urlAllowed(url: string, patterns: readonly string[]): boolean {
  const parsed = parseUrl(url)
  if (!parsed) return false
  const port = parsed.port || DEFAULT_PORTS[parsed.protocol] || ''
  return patterns.some((text) => {
    const p = parsePattern(text)
    if (!p) return false
    // A pattern without a scheme allows https (and wss), as a CSP host-source does on an https page.
    if (p.scheme ? `${p.scheme}:` !== parsed.protocol : parsed.protocol !== 'https:' && parsed.protocol !== 'wss:') return false
    const host = parsed.hostname.toLowerCase()
    const hostOk = p.host.startsWith('*.') ? host.endsWith(p.host.slice(1)) : host === p.host
    if (!hostOk) return false
    const wanted = p.port ?? DEFAULT_PORTS[p.scheme ? `${p.scheme}:` : parsed.protocol]
    if (wanted !== '*' && wanted !== port) return false
    if (!p.path) return true
    return p.path.endsWith('/') ? parsed.pathname.startsWith(p.path) : parsed.pathname === p.path
  })
}

/**
 * The Content-Security-Policy Figma puts on a plugin's UI for these domains: requests (fetch, XHR, WebSocket)
 * may go only to the declared domains; scripts, styles and images stay inline, data: and blob:.
 */
export function contentSecurityPolicy(domains: readonly string[]): string {
  const connect = domains.length ? domains.join(' ') : "'none'"
  return [
    "default-src 'none'",
    "script-src 'unsafe-inline' 'unsafe-eval' blob: data:",
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    'media-src data: blob:',
    'worker-src blob: data:',
    `connect-src ${connect}`,
  ].join('; ')
}

/** The sentence a refused connection shows: Figma blocked it because the manifest does not declare the origin. */
export function refusedOriginMessage(url: string, patterns: readonly string[]): string {
  const origin = parseUrl(url)?.origin ?? url
  const declared = patterns.length ? patterns.join(', ') : 'no domain'
  return (
    `Figma refuses requests to ${origin}: it is not in the plugin manifest's networkAccess (this build allows ${declared}). ` +
    `Rebuild with KLING_FRAMES_BACKEND_URL=${origin} npm run build and import dist/manifest.json again.`
  )
}
