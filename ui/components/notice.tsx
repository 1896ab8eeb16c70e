import type { ComponentChildren } from 'preact'

interface NoticeProps {
  tone?: 'info' | 'error' | 'success'
  title: ComponentChildren
  children?: ComponentChildren
  action?: { label: string; onClick: () => void }
  testId?: string
}

/** An inline message; errors are announced to screen readers. */
export function Notice({ tone = 'info', title, children, action, testId }: NoticeProps) {
  return (
    <div class={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <div class="notice-body">
        <p class="notice-title">{title}</p>
        {children && <p class="notice-text">{children}</p>}
      </div>
      {action && (
        <button type="button" class="btn btn-small" onClick={action.onClick}>
          {action.label}
        </button>
      )}
    </div>
  )
}
