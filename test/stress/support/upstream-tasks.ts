/**
 * The tasks a simulator holds, keyed per job, so a suite can count creates per job: Kling's carry our job id as
 * `external_task_id`; a seller's carry no id of ours, so they are matched to jobs by their prompt, which each stress
 * job makes unique.
 */
import type { StressProvider } from './stack'

export interface UpstreamTask {
  /** The job it was created for; null when it matches none. */
  jobId: string | null
  /** What makes it one job's task: Kling's external task id, a seller task's prompt. Two tasks with one key = a duplicate. */
  key: string
  n: number
  finished: boolean
}

export async function upstreamTasksAsync(provider: StressProvider, simUrl: string, jobOfPrompt: Map<string, string> = new Map()): Promise<UpstreamTask[]> {
  const { tasks } = (await (await fetch(`${simUrl}/__sim/tasks`)).json()) as { tasks: Record<string, any>[] }
  if (provider === 'kling') {
    return tasks
      .filter((t) => t.external_task_id)
      .map((t) => ({
        jobId: /^(job_[A-Za-z0-9]+)/.exec(t.external_task_id)?.[1] ?? null,
        key: t.external_task_id,
        n: t.request.n ?? 1,
        finished: t.status === 'succeed' || t.status === 'failed',
      }))
  }
  return tasks.map((t) => {
    const prompt = String(t.body.prompt ?? '')
    return { jobId: jobOfPrompt.get(prompt) ?? null, key: prompt, n: t.n, finished: t.status === 'completed' || t.status === 'failed' }
  })
}
