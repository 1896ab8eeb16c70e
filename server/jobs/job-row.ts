import type { ImageReference, Operation, JobStatus, ResultType } from '../../shared/api/enums'
import type { Expansion, Job, JobCost, JobError, JobImage } from '../../shared/api/schemas'

/** A `jobs` row of an owner object's SQLite storage (server/owner/owner-schema.ts). */
export interface JobRow {
  id: string
  owner: string
  status: JobStatus
  operation: Operation
  provider: Job['provider']
  model: string
  prompt: string | null
  negative_prompt: string | null
  aspect_ratio: Job['aspect_ratio']
  resolution: Job['resolution']
  n: number
  expansion: string | null
  options: string | null
  client_ref: string | null
  /** How many input images are kept in R2 (options.inputs names their slots); 0 once the job ended. */
  has_input: number
  images: string
  error_code: string | null
  error_message: string | null
  /** JSON JobCost as the provider reported it at success, or null. */
  cost: string | null
  charged: number
  charge_day: string
  created_at: number
  updated_at: number
  /** 1-based place in the upstream queue while a task of the job waits for a slot; otherwise null. */
  queue_position: number | null
  /** The owner's change sequence at this job's latest visible change (`GET /v1/changes`). */
  change_seq: number
}

/** Model options kept for resubmission; not part of the public job object. */
export interface JobOptions {
  image_reference?: ImageReference
  image_fidelity?: number
  human_fidelity?: number
  result_type?: ResultType
  series_amount?: number
  /** Slots of the input images kept in R2 (job-inputs.ts), in request order. */
  inputs?: string[]
}

/** A stored image as the row keeps it: the URL is built per response, from the origin the client used. */
export type StoredImage = Omit<JobImage, 'url'>

export const ACTIVE_STATUSES = ['queued', 'running'] as const

export function isTerminal(status: JobStatus): boolean {
  return status !== 'queued' && status !== 'running'
}

/** The public job object. Image URLs are absolute, on `origin`, and only shown once the job succeeded. */
export function toJob(row: JobRow, origin: string): Job {
  const stored: StoredImage[] = row.status === 'succeeded' ? JSON.parse(row.images) : []
  return {
    id: row.id,
    status: row.status,
    operation: row.operation,
    provider: row.provider,
    model: row.model,
    prompt: row.prompt,
    negative_prompt: row.negative_prompt,
    aspect_ratio: row.aspect_ratio,
    resolution: row.resolution,
    n: row.n,
    expansion: row.expansion ? (JSON.parse(row.expansion) as Expansion) : null,
    client_ref: row.client_ref,
    queue_position: row.queue_position,
    cost: row.cost ? (JSON.parse(row.cost) as JobCost) : null,
    images: stored.map((image) => ({ ...image, url: `${origin}/v1/jobs/${row.id}/images/${image.index}` })),
    error: row.error_code ? ({ code: row.error_code, message: row.error_message ?? '' } as JobError) : null,
    created_at: new Date(row.created_at).toISOString(),
    updated_at: new Date(row.updated_at).toISOString(),
  }
}
