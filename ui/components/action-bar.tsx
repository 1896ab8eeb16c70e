import type { ComponentChildren } from 'preact'

/** The view's footer: what will happen, in words, next to the button that does it. */
export function ActionBar({ summary, children }: { summary: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="actions">
      <p class="actions-summary" aria-live="polite">
        {summary}
      </p>
      {children}
    </div>
  )
}

/** The "⌘↵" hint shown on primary buttons. */
export const MOD_ENTER = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘↵' : 'Ctrl↵'
