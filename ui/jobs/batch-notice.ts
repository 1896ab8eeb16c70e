/** The one notification that reports a batch of jobs once all of them have ended (pure). */
import { describeFailure } from '../api/describe-error'
import type { JobEntry } from './runner'

export interface BatchNotice {
  message: string
  error: boolean
  /** Nodes a "Show" button selects: set when the user had moved on, so the images were not selected for them. */
  show: string[]
}

const DELETED = 'It was deleted while the job ran.'

/**
 * E.g. "Placed 6 images", "Placed 5 images. 1 frame was deleted while the job ran — skipped", "Placed 2 images.
 * 1 job failed: Kling is busy…". Null for a batch that was only cancelled (the user knows).
 */
export function batchNotice(entries: readonly JobEntry[]): BatchNotice | null {
  const results = entries.flatMap((e) => (e.state === 'done' && e.result ? [e.result] : []))
  const failed = entries.filter((e) => e.state === 'failed')
  if (results.length === 0 && failed.length === 0) return null
  const placed = results.flatMap((r) => r.placedNodeIds)
  const skipped = results.flatMap((r) => r.skipped)
  const deleted = skipped.filter((s) => s.reason === DELETED).length
  const refused = skipped.filter((s) => s.reason !== DELETED)
  const parts: string[] = []
  if (placed.length > 0 || (skipped.length === 0 && failed.length === 0)) parts.push(`Placed ${count(placed.length, 'image', 'images')}`)
  if (deleted > 0) parts.push(`${count(deleted, 'frame was', 'frames were')} deleted while the job ran — skipped`)
  if (refused.length > 0) parts.push(`${count(refused.length, 'image', 'images')} skipped: ${refused[0].reason}`)
  if (failed.length > 0) {
    const first = failed[0].failure
    parts.push(`${count(failed.length, 'job', 'jobs')} failed${first ? `: ${describeFailure(first).title}` : ''}`)
  }
  for (const note of new Set(results.flatMap((r) => (r.note ? [r.note] : [])))) parts.push(note)
  const moved = results.some((r) => !r.focused)
  return {
    message: parts.map((part) => part.replace(/\.$/, '')).join('. '),
    error: placed.length === 0,
    show: moved ? placed : [],
  }
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}
