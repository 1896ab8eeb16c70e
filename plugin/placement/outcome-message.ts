// Main thread (pure): the notification that reports a placement.
import type { Outcome } from './outcome'

/** E.g. "Placed 2 images", "Placed 1 image. 1 frame was deleted while the job ran — skipped". */
export function outcomeMessage({ placed, skipped, note }: Outcome): string {
  const parts: string[] = []
  if (placed.length > 0 || skipped.length === 0) parts.push(`Placed ${count(placed.length, 'image', 'images')}`)
  const deleted = skipped.filter((s) => s.deleted).length
  if (deleted > 0) parts.push(`${count(deleted, 'frame was', 'frames were')} deleted while the job ran — skipped`)
  const refused = skipped.filter((s) => !s.deleted)
  if (refused.length > 0) parts.push(`${count(refused.length, 'image', 'images')} skipped: ${refused[0].reason}`)
  if (note) parts.push(note)
  return parts.map((part) => part.replace(/\.$/, '')).join('. ')
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}
