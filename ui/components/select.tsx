export interface Option<T extends string> {
  value: T
  label: string
}

interface SelectProps<T extends string> {
  id: string
  value: T
  options: readonly Option<T>[]
  onChange: (value: T) => void
  disabled?: boolean
  describedBy?: string
}

/** A native select (keyboard and screen readers for free), styled like Figma's dropdowns. */
export function Select<T extends string>({ id, value, options, onChange, disabled, describedBy }: SelectProps<T>) {
  return (
    <span class="select-wrap">
      <select
        id={id}
        class="select"
        value={value}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.currentTarget.value as T)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </span>
  )
}
