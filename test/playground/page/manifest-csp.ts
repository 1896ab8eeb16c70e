/**
 * The Content-Security-Policy Figma gives a plugin's UI, from the built manifest's networkAccess: requests to
 * any origin the manifest does not declare are refused, so the playground refuses what Figma refuses.
 * Development domains count, since the playground runs the plugin as an imported development plugin.
 */
import { contentSecurityPolicy, reachableDomains, type NetworkAccess } from '../../../shared/network/network-access'

export interface BuiltManifest {
  networkAccess?: NetworkAccess
}

export async function loadManifestCsp(): Promise<string> {
  const response = await fetch('/dist/manifest.json', { cache: 'no-store' })
  if (!response.ok) throw new Error(`/dist/manifest.json is missing (${response.status}). Build the plugin first: npm run build`)
  const manifest = (await response.json()) as BuiltManifest
  return contentSecurityPolicy(reachableDomains(manifest.networkAccess ?? { allowedDomains: ['none'] }))
}

/** `html` with the policy as the first element of its <head>, before anything it governs. */
export function applyCsp(html: string, csp: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${csp.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`
  if (/<head[^>]*>/i.test(html)) return html.replace(/<head([^>]*)>/i, `<head$1>${meta}`)
  return `<head>${meta}</head>${html}`
}
