// Main thread (pure): layer names for generated frames.
import { truncate } from '../truncate'

/** The prompt on one line, about 60 characters at most; `fallback` when there is no prompt (an expand). */
export function frameName(prompt: string, fallback = 'Kling image'): string {
  return truncate(prompt, 60) || fallback
}

/** A series frame: "prompt 2/3", the prompt shortened so that the number always shows. */
export function seriesFrameName(prompt: string, index: number, count: number, fallback = 'Kling image'): string {
  return `${frameName(prompt, fallback)} ${index + 1}/${count}`
}
