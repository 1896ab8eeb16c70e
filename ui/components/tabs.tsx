import { useRef } from 'preact/hooks'

export interface Tab<K extends string> {
  key: K
  label: string
  /** A small count after the label; hidden from the accessible name. */
  badge?: number
}

interface TabsProps<K extends string> {
  tabs: readonly Tab<K>[]
  active: K
  onSelect: (key: K) => void
  /** Id prefix tying each tab to its panel. */
  idPrefix: string
}

/** WAI-ARIA tabs: one tab stop, arrows/Home/End move and activate. */
export function Tabs<K extends string>({ tabs, active, onSelect, idPrefix }: TabsProps<K>) {
  const list = useRef<HTMLDivElement>(null)

  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.key === active)
    const last = tabs.length - 1
    const next =
      event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : -1
    if (next < 0) return
    event.preventDefault()
    onSelect(tabs[next].key)
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus()
  }

  return (
    <div class="tabs" role="tablist" aria-label="Views" ref={list} onKeyDown={onKeyDown}>
      {tabs.map((tab) => {
        const selected = tab.key === active
        return (
          <button
            key={tab.key}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.key}`}
            aria-controls={`${idPrefix}-panel`}
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            class="tab"
            onClick={() => onSelect(tab.key)}
          >
            {tab.label}
            {tab.badge ? (
              <span class="tab-badge" aria-hidden="true">
                {tab.badge}
              </span>
            ) : null}
          </button>
        )
      })}
    </div>
  )
}
