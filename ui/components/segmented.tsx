import type { Option } from './select'

interface SegmentedProps<T extends string> {
  label: string
  name: string
  value: T
  options: readonly Option<T>[]
  onChange: (value: T) => void
  disabled?: boolean
}

/** A small radio group drawn as a segmented control (for two or three choices). */
export function Segmented<T extends string>({ label, name, value, options, onChange, disabled }: SegmentedProps<T>) {
  return (
    <fieldset class="field segmented-field" disabled={disabled}>
      <legend class="field-legend">{label}</legend>
      <div class="segmented">
        {options.map((o) => (
          <label key={o.value} class={o.value === value ? 'segment segment-on' : 'segment'}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={o.value === value}
              onChange={() => onChange(o.value)}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  )
}
