// Main thread: a Figma toast.
import { truncate } from './truncate'

/** Figma cuts notifications at 100 characters. */
const MAX_LENGTH = 100
/** A toast with a button stays long enough to be clicked. */
const BUTTON_TIMEOUT_MS = 8000

/** Shows `message` (shortened to what Figma displays); errors stay up longer than the 3 s default. */
export function notifyUser(message: string, error = false, button?: { text: string; action: () => void }): void {
  const options: NotificationOptions = {}
  if (error) Object.assign(options, { error: true, timeout: 6000 })
  if (button) Object.assign(options, { button, timeout: BUTTON_TIMEOUT_MS })
  figma.notify(truncate(message, MAX_LENGTH), Object.keys(options).length ? options : undefined)
}
