/**
 * What must hold after any stress run, checked through the public API and the simulator's admin view only:
 * no job lost or duplicated, every job ended within its deadline with a clear reason, every stored image whole
 * and of the stated size, no upstream task created twice, budgets exact.
 */
import { imageInfo } from '../../../shared/image/image-info'
import { imageIntegrityIssue } from '../../../shared/image/image-integrity'
import type { CreateOutcome, StressApi, StressJob } from './api'
import { sleep } from './api'
import type { UpstreamTask } from './upstream-tasks'


export interface RunFigures {
  jobsAccepted: number
  jobsSucceeded: number
  jobsFailed: number
  jobsLost: number
  duplicateJobs: number
  duplicateUpstreamTasks: number
  stuckJobs: number
  unclearFailures: number
  brokenImages: number
  budgetOverspend: number
  failuresByCode: Record<string, number>
}

/** Polls every owner's job list until all `accepted` jobs are terminal or `timeoutMs` passes. */
export async function waitAllTerminal(api: StressApi, accepted: CreateOutcome[], timeoutMs: number): Promise<Map<string, StressJob>> {
  const owners = [...new Set(accepted.map((c) => c.owner))]
  const deadline = Date.now() + timeoutMs
  let latest = new Map<string, StressJob>()
  for (;;) {
    latest = new Map()
    for (const owner of owners) for (const job of await api.listAll(owner)) latest.set(job.id, job)
    const open = accepted.filter((c) => {
      const job = latest.get(c.job!.id)
      return !job || job.status === 'queued' || job.status === 'running'
    })
    if (!open.length || Date.now() > deadline) return latest
    await sleep(1000)
  }
}

export async function checkInvariants(options: {
  api: StressApi
  accepted: CreateOutcome[]
  final: Map<string, StressJob>
  tasks: UpstreamTask[]
  /** The images each owner had used before the run (budget check). */
  usedBefore?: Record<string, number>
}): Promise<RunFigures> {
  const { api, accepted, final, tasks } = options
  const figures: RunFigures = {
    jobsAccepted: accepted.length,
    jobsSucceeded: 0,
    jobsFailed: 0,
    jobsLost: 0,
    duplicateJobs: 0,
    duplicateUpstreamTasks: 0,
    stuckJobs: 0,
    unclearFailures: 0,
    brokenImages: 0,
    budgetOverspend: 0,
    failuresByCode: {},
  }
  // Duplicates: two keys answered with the same job are fine only if they are the same key.
  const byId = new Map<string, string>()
  for (const c of accepted) {
    const other = byId.get(c.job!.id)
    if (other && other !== c.key) figures.duplicateJobs++
    byId.set(c.job!.id, c.key)
  }
  // Jobs nobody asked for (a retried create that made a second job).
  const owners = new Set(accepted.map((c) => c.owner))
  for (const job of final.values()) if (!byId.has(job.id) && owners.size) figures.duplicateJobs++

  const tasksByJob = new Map<string, UpstreamTask[]>()
  const keys = new Map<string, number>()
  for (const task of tasks) {
    keys.set(task.key, (keys.get(task.key) ?? 0) + 1)
    if (task.jobId) tasksByJob.set(task.jobId, [...(tasksByJob.get(task.jobId) ?? []), task])
  }
  for (const count of keys.values()) if (count > 1) figures.duplicateUpstreamTasks += count - 1

  for (const c of accepted) {
    const job = final.get(c.job!.id)
    if (!job) {
      figures.jobsLost++
      continue
    }
    if (job.status === 'queued' || job.status === 'running') {
      figures.stuckJobs++
      continue
    }
    // More upstream images than the job asked for means a task was created twice.
    const upstreamImages = (tasksByJob.get(job.id) ?? []).reduce((sum, t) => sum + t.n, 0)
    if (upstreamImages > job.n) figures.duplicateUpstreamTasks++
    if (job.status === 'failed') {
      figures.jobsFailed++
      const code = job.error?.code ?? 'none'
      figures.failuresByCode[code] = (figures.failuresByCode[code] ?? 0) + 1
      const message = job.error?.message ?? ''
      if (message.length < 15 || /[{}]/.test(message)) figures.unclearFailures++
      continue
    }
    if (job.status !== 'succeeded') continue
    figures.jobsSucceeded++
    if (job.images.length !== job.n) figures.brokenImages++
    for (const image of job.images) {
      const { status, bytes } = await api.image(c.owner, image.url)
      const info = imageInfo(bytes)
      const whole = info && (info.format === 'png' || info.format === 'jpeg') && imageIntegrityIssue(bytes, info.format) === null
      if (status !== 200 || !whole || info.width !== image.width || info.height !== image.height) figures.brokenImages++
    }
  }

  for (const owner of owners) {
    const used = (await api.capabilities(owner)).budget.used_today - (options.usedBefore?.[owner] ?? 0)
    const charged = accepted
      .filter((c) => c.owner === owner)
      .reduce((sum, c) => sum + (final.get(c.job!.id)?.status === 'failed' ? 0 : c.job!.n), 0)
    figures.budgetOverspend += Math.max(0, used - charged)
    // Under-charging is a bug too (a refund for a job that still succeeded), so report it the same way.
    figures.budgetOverspend += Math.max(0, charged - used)
  }
  return figures
}
