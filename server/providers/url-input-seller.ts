import type { Operation } from '../../shared/api/enums'
import type { UnavailableOperation } from '../../shared/api/schemas'
import type { SellerAccess } from '../config'
import { modelCapabilities, type ModelEntry } from './model-capabilities'
import { defaultModelsOf, gateUrlInputs } from './url-inputs'

/**
 * What the sellers that take images only by URL (fal.ai, apimodels.app) have in common: they cannot be asked by our
 * job id, and what they offer depends on whether this Worker can hand out signed input URLs, so models, defaults
 * and the unavailable list all come from one gated view of the seller's catalog.
 */
export abstract class UrlInputSeller {
  readonly findsTasksByJobId = false
  readonly sendsCallbacks = true
  readonly imageInput = 'url'

  protected abstract readonly label: string
  protected abstract readonly catalog: {
    entries: ModelEntry[]
    preferred: Partial<Record<Operation, string>>
    /** Operations the seller has no endpoint for, whatever the configuration. */
    missing?: UnavailableOperation[]
  }

  constructor(
    protected readonly access: SellerAccess,
    /** Whether the Worker can hand out signed input URLs (PUBLIC_BASE_URL and CALLBACK_SECRET set). */
    private readonly canServeInputs: boolean,
    protected readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  get defaultModels(): Partial<Record<Operation, string>> {
    return defaultModelsOf(this.gated().entries, this.catalog.preferred)
  }

  models() {
    return this.gated().entries.map(modelCapabilities)
  }

  unavailable(): UnavailableOperation[] {
    return [...this.gated().unavailable, ...(this.catalog.missing ?? [])]
  }

  async accountAsync() {
    return null
  }

  private gated() {
    return gateUrlInputs(this.label, this.catalog.entries, this.canServeInputs)
  }
}
