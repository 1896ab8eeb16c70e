import type { ComponentChildren } from 'preact'

/** What a view shows when there is nothing to act on yet, and how to get there. */
export function EmptyState({ title, children, testId }: { title: string; children?: ComponentChildren; testId?: string }) {
  return (
    <div class="empty" data-testid={testId}>
      <p class="empty-title">{title}</p>
      {children && <p class="empty-hint">{children}</p>}
    </div>
  )
}
