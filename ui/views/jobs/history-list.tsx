import type { Job } from '../../../shared/api/schemas'
import type { ApiClient } from '../../api/client'
import { Thumb } from '../../components/thumb'
import { formatWhen } from '../../format'

const OPERATION: Record<string, string> = {
  generate: 'Generate',
  image_to_image: 'Image to image',
  expand: 'Expand',
  multi_reference: 'Multi-reference',
  omni: 'Omni',
}

/** Past jobs from the backend, with a thumbnail and a way to reuse the prompt. */
export function HistoryList({ jobs, api, onReuse }: { jobs: readonly Job[]; api: ApiClient | null; onReuse: (prompt: string) => void }) {
  return (
    <ul class="list list-cards" aria-label="History">
      {jobs.map((job) => (
        <li key={job.id} class="hist" data-testid="history-row" data-job-id={job.id} data-status={job.status}>
          <Thumb api={api} url={job.images[0]?.url ?? null} alt={job.prompt ?? 'Result'} />
          <div class="hist-main">
            <p class="hist-prompt" title={job.prompt ?? ''}>
              {job.prompt || <span class="text-secondary">No prompt</span>}
            </p>
            <p class="hist-meta">
              {[OPERATION[job.operation], job.aspect_ratio, job.images.length > 1 ? `${job.images.length} images` : null, formatWhen(job.created_at)]
                .filter(Boolean)
                .join(' · ')}
              {job.status !== 'succeeded' && <span class={job.status === 'failed' ? 'text-danger' : 'text-secondary'}> · {job.status}</span>}
            </p>
            {job.prompt && (
              <button type="button" class="link" onClick={() => onReuse(job.prompt!)}>
                Use this prompt again
              </button>
            )}
          </div>
        </li>
      ))}
    </ul>
  )
}
