import type { JobOptions, JobRow } from './job-row'

/**
 * The R2 slots of a job's input images. They are kept until the job ends (succeeded, failed, canceled, timed out)
 * and then deleted by the owner object (server/owner/owner-object.ts, `dropInputs`).
 */
export function inputSlots(row: Pick<JobRow, 'options' | 'has_input'>): string[] {
  const options: JobOptions = row.options ? JSON.parse(row.options) : {}
  // Rows from before slots were recorded kept one input, the `image`.
  return options.inputs ?? (row.has_input ? ['image'] : [])
}
