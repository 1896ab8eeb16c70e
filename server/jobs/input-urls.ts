import { inputTokenAsync } from '../auth/input-token'
import type { Config } from '../config'
import { JOB_DEADLINE_MS } from './deadline'
import type { JobRow } from './job-row'

/** An input URL never outlives this, even for a job with a longer life. */
const MAX_INPUT_URL_MS = 60 * 60 * 1000

/**
 * Signed `GET /v1/inputs/{token}` URLs of a job's input images, by slot, for a provider that fetches images by URL.
 * Each expires with the job (its deadline), and at most an hour out. Null when the Worker has no public origin.
 */
export async function inputUrlsAsync(config: Config, row: Pick<JobRow, 'id' | 'owner' | 'created_at'>, slots: string[]): Promise<Record<string, string> | undefined> {
  const { publicBaseUrl, callbackSecret } = config
  if (!publicBaseUrl || !callbackSecret || slots.length === 0) return undefined
  const expiresAt = Math.min(row.created_at + JOB_DEADLINE_MS, Date.now() + MAX_INPUT_URL_MS)
  const urls: Record<string, string> = {}
  for (const slot of slots) {
    urls[slot] = `${publicBaseUrl}/v1/inputs/${await inputTokenAsync({ owner: row.owner, jobId: row.id, slot, expiresAt }, callbackSecret)}`
  }
  return urls
}
