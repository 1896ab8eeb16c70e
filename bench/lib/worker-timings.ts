/**
 * The Worker's timing lines, read from `wrangler dev`'s output: per task its `task_succeeded` marks (callback heard,
 * upstream read, images copied, job saved) and per stored image its `image_copied` marks (upstream answered, body
 * in R2, bytes checked). All are Unix ms on the machine's clock, comparable with the simulator's `succeeded_at`.
 */
export interface TaskTiming {
  job_id: string
  task_key: string
  heard_at: number | null
  read_from: number
  read_at: number
  copied_at: number
  saved_at: number
}

export interface CopyTiming {
  key: string
  answered_at: number
  stored_at: number
  checked_at: number
}

export class WorkerTimings {
  /** By task key (a job's first task has the job's id). */
  readonly tasks = new Map<string, TaskTiming>()
  /** By R2 key, `jobs/{job id}/{index}`. */
  readonly copies = new Map<string, CopyTiming>()

  /** Takes one line of output; true when it was a timing line. */
  note(line: string): boolean {
    if (!line.includes('"event":"task_succeeded"') && !line.includes('"event":"image_copied"')) return false
    try {
      const entry = JSON.parse(line.slice(line.indexOf('{'))) as { event: string } & TaskTiming & CopyTiming
      if (entry.event === 'task_succeeded') this.tasks.set(entry.task_key, entry)
      else this.copies.set(entry.key, entry)
    } catch {
      // a line cut by the pipe: that job simply has no Worker stages
    }
    return true
  }

  /** Copies of one job's images. */
  copiesOf(jobId: string): CopyTiming[] {
    return [...this.copies.values()].filter((c) => c.key.startsWith(`jobs/${jobId}/`))
  }
}

/** Splits output into lines across chunks. */
export function lineReader(onLine: (line: string) => void): (text: string) => void {
  let tail = ''
  return (text) => {
    const lines = (tail + text).split('\n')
    tail = lines.pop() ?? ''
    for (const line of lines) onLine(line)
  }
}
