/**
 * A strict local PixelDojo (`/api/v1/models/kling-image/run`, `/api/v1/jobs/{id}`), per provider-docs/pixeldojo-*.txt:
 * bearer key, `num_outputs`, upper-case `resolution`, credits (`creditCost`, `creditsRemaining`, 402 when short),
 * `output.images` as a list of URLs, and its error table (400, 401, 402, 404, 429, 500). Results under `/files/`,
 * the admin API under `/__sim/` (`credits` sets the balance).
 */
import { handlePixelDojoAsync, refundFailedJob } from './private/handle-pixeldojo'
import { PIXELDOJO_CHAOS } from './private/pixeldojo-chaos'
import { sellerContext, startSellerAsync } from './private/seller-server'
import type { SellerSimulator, SellerSimulatorOptions } from './seller-simulator'

let sequence = 0

export async function startPixelDojoSimulator(opts: SellerSimulatorOptions = {}): Promise<SellerSimulator> {
  const ctx = sellerContext(opts, {
    name: 'pixeldojo',
    chaosVocabulary: PIXELDOJO_CHAOS,
    onChange: refundFailedJob,
    newId: () => `job_${Date.now().toString(36)}${(++sequence).toString(36).padStart(4, '0')}`,
  })
  return startSellerAsync(ctx, opts, handlePixelDojoAsync)
}
