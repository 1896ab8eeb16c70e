// Main thread (pure): layer names for generated frames.
import { truncate } from '../truncate'

/** The prompt on one line, about 60 characters at most; `fallback` when there is no prompt (an expand). */
export function frameName(prompt: string, fallback = 'Kling image'): string {
  return truncate(prompt, 60) || fallback
}
