/// <reference types="@figma/plugin-typings/plugin-api" />
/**
 * figma.notify: messages truncated to 100 characters, a 3 s default timeout (Infinity allowed), `cancel()`,
 * `onDequeue` reasons, action buttons; button and endless messages go when their plugin run closes.
 */
export const NOTIFY_MAX_CHARS = 100
export const NOTIFY_DEFAULT_TIMEOUT_MS = 3000

export interface NotificationRecord {
  message: string
  options?: NotificationOptions
}

/** A notification still on screen; the page renders these as toasts. */
export interface ActiveNotification {
  readonly id: number
  readonly message: string
  readonly error: boolean
  readonly buttonText: string | null
  /** What the user's click on the action button does (runs `button.action`, dequeues unless it returns false). */
  clickButton(): void
  /** The user dismissed it. */
  dismiss(): void
}

interface Entry extends ActiveNotification {
  readonly owner: number | null
  readonly sticky: boolean
  dequeue(reason: NotifyDequeueReason): void
}

export class NotificationCenter {
  readonly records: NotificationRecord[] = []
  private entries: Entry[] = []
  private nextId = 1

  constructor(private readonly changed: () => void) {}

  get active(): readonly ActiveNotification[] {
    return this.entries
  }

  /** `owner` is the plugin run that asked (null for closePlugin's message, which outlives the run). */
  notify(message: unknown, options: NotificationOptions | undefined, owner: number | null): NotificationHandler {
    if (typeof message !== 'string') throw new Error('in notify: Expected "message" to be a string')
    const text = message.length > NOTIFY_MAX_CHARS ? message.slice(0, NOTIFY_MAX_CHARS) : message
    this.records.push(options === undefined ? { message: text } : { message: text, options })
    const timeout = options?.timeout ?? NOTIFY_DEFAULT_TIMEOUT_MS
    let timer: ReturnType<typeof setTimeout> | undefined
    let done = false
    const entry: Entry = {
      id: this.nextId++,
      message: text,
      error: options?.error === true,
      buttonText: options?.button?.text ?? null,
      owner,
      sticky: timeout === Infinity || options?.button !== undefined,
      clickButton: () => {
        if (options?.button?.action() !== false) entry.dequeue('action_button_click')
      },
      dismiss: () => entry.dequeue('dismiss'),
      dequeue: (reason) => {
        if (done) return
        done = true
        if (timer !== undefined) clearTimeout(timer)
        this.entries = this.entries.filter((e) => e !== entry)
        this.changed()
        options?.onDequeue?.(reason)
      },
    }
    if (Number.isFinite(timeout)) {
      timer = setTimeout(() => entry.dequeue('timeout'), Math.max(0, timeout))
      ;(timer as unknown as { unref?: () => void }).unref?.()
    }
    this.entries = [...this.entries, entry]
    this.changed()
    return { cancel: () => entry.dequeue('dismiss') }
  }

  /** The plugin run closed: Figma removes its messages that have a button or never time out. */
  closeRun(owner: number): void {
    for (const entry of this.entries.filter((e) => e.owner === owner && e.sticky)) entry.dequeue('dismiss')
  }
}
