import { useId } from 'preact/hooks'
import { useApp } from '../app-context'
import { canFitExactly } from '../requests/exact-fit'
import { plural } from '../requests/models'

/**
 * The "Fit exactly" setting (kept in Settings): images for the selected frames are generated at the nearest
 * ratio and then extended on their thin sides to each frame's exact ratio, instead of being cropped. Offered only
 * when the backend's provider can expand images.
 */
export function FitExactly({ extra }: { extra: number }) {
  const { settings, saveSettings, capabilities } = useApp()
  const id = useId()
  if (!settings || !canFitExactly(capabilities.caps)) return null
  return (
    <div class="field check-field" data-testid="fit-exactly">
      <label class="check">
        <input
          type="checkbox"
          checked={settings.exactFit}
          aria-describedby={`${id}-hint`}
          onChange={(e) => void saveSettings({ ...settings, exactFit: e.currentTarget.checked })}
        />
        Fit exactly
      </label>
      <p id={`${id}-hint`} class="field-hint">
        Generates at the nearest ratio, then extends the thin sides to each frame's exact shape instead of cropping.
        Costs one more image per frame that needs it
        {settings.exactFit && extra > 0 ? ` (${plural(extra, 'more image')} here)` : ''}.
      </p>
    </div>
  )
}
