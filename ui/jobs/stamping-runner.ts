/**
 * The panel's runner: a JobRunner that stamps what only the moment of submission knows onto each job. Jobs
 * submitted in the same task (one click submits all its jobs synchronously) share a batch, reported in one
 * notification; every job records the selection it started from, so placement can leave the user's newer
 * selection and viewport alone.
 */
import type { JobSpec } from './job-spec'
import { JobRunner, type RunnerDeps } from './runner'

export class StampingRunner extends JobRunner {
  private batch: string | null = null

  constructor(
    private readonly stampDeps: RunnerDeps,
    /** Ids of the selected nodes right now; null while unknown. */
    private readonly selectionIds: () => string[] | null,
  ) {
    super(stampDeps)
  }

  override submit(spec: JobSpec): string {
    if (this.batch === null) {
      this.batch = this.stampDeps.newId()
      void Promise.resolve().then(() => (this.batch = null))
    }
    const ids = this.selectionIds()
    const placement = spec.placement.selectionAtStart || ids === null ? spec.placement : { ...spec.placement, selectionAtStart: ids }
    return super.submit({ ...spec, placement, batch: spec.batch ?? this.batch })
  }
}
