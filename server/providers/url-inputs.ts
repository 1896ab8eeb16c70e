import type { Operation } from '../../shared/api/enums'
import type { UnavailableOperation } from '../../shared/api/schemas'
import type { ModelEntry } from './model-capabilities'

/**
 * Sellers that take images only by URL get a signed `GET /v1/inputs/...` URL of the Worker's own, which needs a
 * public origin. Without `PUBLIC_BASE_URL` (and `CALLBACK_SECRET`, its signing key) they offer no operation that
 * takes an image: an operation that needs one is removed from every model (a model left with none is dropped), one
 * where images are optional (omni) is kept without them; both are listed with the reason.
 */
export function gateUrlInputs(seller: string, entries: ModelEntry[], canServeInputs: boolean): { entries: ModelEntry[]; unavailable: UnavailableOperation[] } {
  if (canServeInputs) return { entries, unavailable: [] }
  const reason = `${seller} takes images only by URL, and this server has no public URL to give it: set PUBLIC_BASE_URL and CALLBACK_SECRET.`
  const gated = new Set<Operation>()
  const kept = entries
    .map((entry) => {
      const byOperation: ModelEntry['by_operation'] = {}
      for (const [op, rules] of Object.entries(entry.by_operation) as [Operation, NonNullable<ModelEntry['by_operation'][Operation]>][]) {
        if (rules.images.max === 0) byOperation[op] = rules
        else {
          gated.add(op)
          // `auto` picks the ratio from the images, so without images it is gone too.
          if (rules.images.min === 0) {
            const aspect_ratios = rules.aspect_ratios.filter((r) => r !== 'auto')
            const default_aspect_ratio = rules.default_aspect_ratio === 'auto' ? '1:1' : rules.default_aspect_ratio
            byOperation[op] = { ...rules, images: { min: 0, max: 0 }, aspect_ratios, default_aspect_ratio, auto_needs_image: false }
          }
        }
      }
      return { ...entry, by_operation: byOperation }
    })
    .filter((entry) => Object.keys(entry.by_operation).length > 0)
  return { entries: kept, unavailable: [...gated].map((operation) => ({ operation, reason })) }
}

/** The default model per operation: the preferred one where it is offered, else the first that offers it. */
export function defaultModelsOf(entries: ModelEntry[], preferred: Partial<Record<Operation, string>>): Partial<Record<Operation, string>> {
  const defaults: Partial<Record<Operation, string>> = {}
  const operations = new Set(entries.flatMap((entry) => Object.keys(entry.by_operation) as Operation[]))
  for (const op of operations) {
    const offering = entries.filter((entry) => entry.by_operation[op])
    defaults[op] = (offering.find((entry) => entry.id === preferred[op]) ?? offering[0]).id
  }
  return defaults
}
