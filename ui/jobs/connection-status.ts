import { isActive } from './job-state'
import type { JobEntry, Stall } from './runner'

export interface ConnectionStatus {
  kind: Stall['kind']
  /** The status bar's words, e.g. "Connection lost, retrying…". */
  text: string
  /** Jobs held up. */
  jobs: number
}

/** The most serious stall: a refused token needs the user, a lost connection only patience. */
const ORDER: readonly Stall['kind'][] = ['auth', 'offline', 'busy', 'malformed']

/** What holds up the running jobs, for the status bar; null when nothing does. Pure. */
export function connectionStatus(entries: readonly JobEntry[]): ConnectionStatus | null {
  const stalled = entries.filter((e) => isActive(e.state) && e.stall)
  for (const kind of ORDER) {
    const jobs = stalled.filter((e) => e.stall!.kind === kind).length
    if (jobs > 0) return { kind, text: kind === 'auth' ? 'Access token refused: open Settings' : stallText(kind), jobs }
  }
  return null
}

/** One short line for a stall, shown on the job row and in the status bar. */
export function stallText(kind: Stall['kind']): string {
  switch (kind) {
    case 'auth':
      return 'Access token refused: enter a new one in Settings'
    case 'offline':
      return 'Connection lost, retrying…'
    case 'busy':
      return 'Backend busy, retrying…'
    case 'malformed':
      return 'Unexpected answer, retrying…'
  }
}
