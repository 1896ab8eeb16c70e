import type { Operation } from '../../shared/api/enums'
import type { ModelCapabilities, UnavailableOperation } from '../../shared/api/schemas'

/** Operations whose request carries an input image. */
const IMAGE_OPERATIONS: readonly Operation[] = ['image_to_image', 'expand', 'multi_reference']

/**
 * Sellers that take images only by URL get a signed `GET /v1/inputs/...` URL of the Worker's own, which needs a
 * public origin. Without `PUBLIC_BASE_URL` (and `CALLBACK_SECRET`, its signing key) they offer no operation that
 * takes an image: those are removed from the models (a model left with none is dropped) and listed with the reason.
 */
export function gateUrlInputs(
  seller: string,
  models: ModelCapabilities[],
  canServeInputs: boolean,
): { models: ModelCapabilities[]; unavailable: UnavailableOperation[] } {
  if (canServeInputs) return { models, unavailable: [] }
  const reason = `${seller} takes images only by URL, and this server has no public URL to give it: set PUBLIC_BASE_URL and CALLBACK_SECRET.`
  const gated = new Set<Operation>()
  const kept = models
    .map((model) => {
      const operations = model.operations.filter((op) => {
        const needsImage = IMAGE_OPERATIONS.includes(op)
        if (needsImage) gated.add(op)
        return !needsImage
      })
      return { ...model, operations }
    })
    .filter((model) => model.operations.length > 0)
  return { models: kept, unavailable: [...gated].map((operation) => ({ operation, reason })) }
}
