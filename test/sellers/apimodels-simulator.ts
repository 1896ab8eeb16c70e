/**
 * A strict local apimodels.app (provider-docs/apimodels-kling-image.txt): one endpoint routed by `model`, each model
 * with its own fields, image inputs as URLs it downloads, `?task_id=` polling with states pending / processing /
 * completed / failed (`failMsg`), `resultUrls`, `{code, msg, data}` bodies, and `callback_url` webhooks carrying the
 * same body as a query. Results under `/files/`, the admin API under `/__sim/`.
 */
import { APIMODELS_CHAOS } from './private/apimodels-chaos'
import { apimodelsTaskData, handleApimodelsAsync } from './private/handle-apimodels'
import { sellerContext, startSellerAsync } from './private/seller-server'
import { deliverWebhook } from './private/send-webhook'
import type { SellerSimulator, SellerSimulatorOptions } from './seller-simulator'

let sequence = 0

export async function startApimodelsSimulator(opts: SellerSimulatorOptions = {}): Promise<SellerSimulator> {
  const ctx = sellerContext(opts, {
    name: 'apimodels',
    chaosVocabulary: APIMODELS_CHAOS,
    onChange: (ctx, task) => {
      if (!task.webhookUrl || (task.status !== 'completed' && task.status !== 'failed')) return
      deliverWebhook(ctx, task.webhookUrl, task.id, { code: 200, msg: 'success', data: apimodelsTaskData(ctx, task) })
    },
    newId: () => `cl${Date.now().toString(36)}${(++sequence).toString(36).padStart(5, '0')}`,
  })
  return startSellerAsync(ctx, opts, handleApimodelsAsync)
}
