import { useEffect, useState } from 'preact/hooks'
import type { JobEntry, JobRunner } from '../jobs/runner'

/** The runner's job list, re-rendered on every change. */
export function useJobs(runner: JobRunner): readonly JobEntry[] {
  const [entries, setEntries] = useState(runner.snapshot())
  useEffect(() => {
    setEntries(runner.snapshot())
    return runner.subscribe(setEntries)
  }, [runner])
  return entries
}
