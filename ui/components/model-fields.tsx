import type { Resolution } from '../../shared/api/enums'
import type { ModelCapabilities } from '../../shared/api/schemas'
import { Field } from './field'
import { Select } from './select'

interface ModelFieldsProps {
  models: readonly ModelCapabilities[]
  model: ModelCapabilities | null
  resolution: Resolution
  onModel: (id: string) => void
  onResolution: (resolution: Resolution) => void
}

const RESOLUTION_LABEL: Record<Resolution, string> = { '1k': '1K', '2k': '2K', '4k': '4K' }

/**
 * Model and resolution side by side, and below them what the chosen model is good for; the choices and the
 * description come from the backend's capabilities.
 */
export function ModelFields({ models, model, resolution, onModel, onResolution }: ModelFieldsProps) {
  const resolutions = model?.resolutions ?? []
  return (
    <div class="field">
      <div class="row">
        <Field
          label="Model"
          control={(id) => (
            <Select
              id={id}
              value={model?.id ?? ''}
              disabled={models.length === 0}
              options={models.length ? models.map((m) => ({ value: m.id, label: m.label })) : [{ value: '', label: '—' }]}
              onChange={onModel}
            />
          )}
        />
        {resolutions.length > 0 && (
          <Field
            label="Resolution"
            control={(id) => (
              <Select
                id={id}
                value={resolutions.includes(resolution) ? resolution : resolutions[0]}
                options={resolutions.map((r) => ({ value: r, label: RESOLUTION_LABEL[r] }))}
                onChange={(value) => onResolution(value as Resolution)}
              />
            )}
          />
        )}
      </div>
      {model?.description && (
        <p class="field-hint" data-testid="model-description">
          {model.description}
        </p>
      )}
    </div>
  )
}
