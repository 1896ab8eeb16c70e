import type { Config } from '../config'
import type { Env } from '../env'

/**
 * The upstream object of the configured seller account: one per provider, base URL and key, so two deployments
 * sharing an account share its slots, and a test pointing at another base gets its own queue. Named by a hash,
 * never by the key itself.
 */
export async function upstreamStubAsync(env: Env, config: Config): Promise<DurableObjectStub<import('./upstream-object').UpstreamObject>> {
  const account = `${config.provider}\n${accountOf(config)}`
  let name = names.get(account)
  if (!name) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(account)))
    name = `${config.provider}:${[...digest.subarray(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('')}`
    if (names.size >= 100) names.clear()
    names.set(account, name)
  }
  return env.UPSTREAM.get(env.UPSTREAM.idFromName(name))
}

/** Object names per account, hashed once per isolate (every create and every release asks). */
const names = new Map<string, string>()

/** The base URL and the key's public part (Kling's access key) or the key itself (hashed below, never stored). */
function accountOf(config: Config): string {
  if (config.kling) {
    const auth = config.kling.auth
    return `${config.kling.base}\n${auth.kind === 'api_key' ? auth.apiKey : auth.accessKey}`
  }
  return config.seller ? `${config.seller.base}\n${config.seller.apiKey}` : ''
}

export function ownerStub(env: Env, owner: string): DurableObjectStub<import('../owner/owner-object').OwnerObject> {
  return env.OWNERS.get(env.OWNERS.idFromName(owner))
}
