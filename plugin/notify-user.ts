// Main thread: a Figma toast.
import { truncate } from './truncate'

/** Figma cuts notifications at 100 characters. */
const MAX_LENGTH = 100

/** Shows `message` (shortened to what Figma displays); errors stay up longer than the 3 s default. */
export function notifyUser(message: string, error = false): void {
  figma.notify(truncate(message, MAX_LENGTH), error ? { error: true, timeout: 6000 } : undefined)
}
