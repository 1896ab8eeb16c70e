import { useEffect, useRef } from 'preact/hooks'
import { Field } from './field'

interface PromptFieldProps {
  label: string
  value: string
  onInput: (value: string) => void
  max: number
  placeholder?: string
  rows?: number
  hint?: string
  disabled?: boolean
  /** Take the keyboard focus when shown (the panel's first field: type the moment it opens). */
  autoFocus?: boolean
}

/** A prompt textarea with a live character counter that turns red past the limit. */
export function PromptField({ label, value, onInput, max, placeholder, rows = 4, hint, disabled, autoFocus }: PromptFieldProps) {
  const over = value.length > max
  const ref = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    if (autoFocus) ref.current?.focus()
  }, [autoFocus])
  return (
    <Field
      label={label}
      aside={
        <span class={over ? 'counter counter-over' : 'counter'} aria-hidden="true">
          {value.length} / {max}
        </span>
      }
      hint={over ? `${value.length - max} characters over the limit` : hint}
      control={(id, describedBy) => (
        <textarea
          ref={ref}
          id={id}
          class="textarea"
          rows={rows}
          value={value}
          placeholder={placeholder}
          disabled={disabled}
          aria-invalid={over || undefined}
          aria-describedby={describedBy}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    />
  )
}
