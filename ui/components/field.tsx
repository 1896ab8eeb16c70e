import type { ComponentChildren } from 'preact'
import { useId } from 'preact/hooks'

interface FieldProps {
  label: string
  /** Renders the control; give it the id so the label names it. */
  control: (id: string, describedBy: string | undefined) => ComponentChildren
  /** Shown right of the label, e.g. a character counter. */
  aside?: ComponentChildren
  hint?: ComponentChildren
  error?: string | null
}

/** A label above its control, with an optional hint or error below. The label alone is the accessible name. */
export function Field({ label, control, aside, hint, error }: FieldProps) {
  const id = useId()
  const below = error || hint ? `${id}-below` : undefined
  return (
    <div class="field">
      <div class="field-head">
        <label for={id}>{label}</label>
        {aside && <span class="field-aside">{aside}</span>}
      </div>
      {control(id, below)}
      {error ? (
        <p id={below} class="field-error" role="alert">
          {error}
        </p>
      ) : (
        hint && (
          <p id={below} class="field-hint">
            {hint}
          </p>
        )
      )}
    </div>
  )
}
