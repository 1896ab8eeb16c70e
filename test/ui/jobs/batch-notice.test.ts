import { describe, expect, it } from 'vitest'
import type { PlaceResult } from '../../../shared/protocol/messages'
import { batchNotice } from '../../../ui/jobs/batch-notice'
import type { JobEntry } from '../../../ui/jobs/runner'

let n = 0
function entry(state: JobEntry['state'], result: Partial<PlaceResult> | null = null, failure: JobEntry['failure'] = null): JobEntry {
  n++
  return {
    key: `k${n}`,
    spec: { label: 'x', detail: '', placement: { kind: 'new-frames' }, meta: { operation: 'generate', prompt: 'x', model: 'm' }, request: null, batch: 'b1' },
    state,
    jobId: `job_${n}`,
    step: 0,
    steps: 1,
    startedAt: 1,
    endedAt: 2,
    failure,
    canRetry: false,
    result: result ? { placedNodeIds: [], skipped: [], focused: true, ...result } : null,
    stall: null,
    placed: [],
    total: null,
  }
}

describe('batchNotice: one notification for a batch of jobs', () => {
  it('adds up what every job of the batch placed', () => {
    expect(batchNotice([entry('done', { placedNodeIds: ['1', '2'] }), entry('done', { placedNodeIds: ['3'] })])).toEqual({
      message: 'Placed 3 images',
      error: false,
      show: [],
    })
  })

  it('names skipped targets and failed jobs in the same sentence', () => {
    const deleted = { nodeId: '9', reason: 'It was deleted while the job ran.' }
    const notice = batchNotice([
      entry('done', { placedNodeIds: ['1'], skipped: [deleted] }),
      entry('failed', null, { code: 'upstream_unavailable', message: 'busy' }),
    ])
    expect(notice?.message).toBe('Placed 1 image. 1 frame was deleted while the job ran — skipped. 1 job failed: Kling is busy or unavailable right now. Try again in a minute')
    expect(notice?.error).toBe(false)
  })

  it('is an error when nothing was placed', () => {
    const notice = batchNotice([entry('done', { skipped: [{ nodeId: '', reason: 'The image is 5000×5000 px; Figma takes at most 4096 px a side.' }] })])
    expect(notice).toEqual({ message: '1 image skipped: The image is 5000×5000 px; Figma takes at most 4096 px a side', error: true, show: [] })
  })

  it('offers to show the images when the user had moved on and they were not selected', () => {
    const notice = batchNotice([entry('done', { placedNodeIds: ['1'], focused: false }), entry('done', { placedNodeIds: ['2'] })])
    expect(notice?.show).toEqual(['1', '2'])
  })

  it('says nothing for a batch that was only cancelled', () => {
    expect(batchNotice([entry('canceled'), entry('canceled')])).toBeNull()
  })

  it('passes on where images went when their anchor was deleted, once', () => {
    const note = 'The source was deleted, so the images went near the middle of the view.'
    expect(batchNotice([entry('done', { placedNodeIds: ['1'], note }), entry('done', { placedNodeIds: ['2'], note })])?.message).toBe(
      'Placed 2 images. The source was deleted, so the images went near the middle of the view',
    )
  })
})
