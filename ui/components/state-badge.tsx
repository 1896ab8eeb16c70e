import type { JobState } from '../jobs/job-state'

const TEXT: Record<JobState, string> = {
  queued: 'Queued',
  running: 'Generating',
  placing: 'Placing',
  done: 'Done',
  failed: 'Failed',
  canceled: 'Canceled',
}

export function stateText(state: JobState): string {
  return TEXT[state]
}

/** A compact coloured pill with the job's state in words (never colour alone). */
export function StateBadge({ state }: { state: JobState }) {
  return <span class={`badge badge-${state}`}>{TEXT[state]}</span>
}
