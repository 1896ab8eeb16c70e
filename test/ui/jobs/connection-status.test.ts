import { expect, test } from 'vitest'
import { connectionStatus } from '../../../ui/jobs/connection-status'
import type { JobEntry, Stall } from '../../../ui/jobs/runner'

const entry = (state: JobEntry['state'], stall: Stall | null): JobEntry => ({
  key: Math.random().toString(36),
  spec: { label: '', detail: '', placement: { kind: 'new-frames' }, meta: { operation: 'generate', prompt: '', model: '' }, request: null },
  state,
  jobId: 'job_1',
  step: 0,
  steps: 1,
  startedAt: 1,
  endedAt: null,
  failure: null,
  canRetry: false,
  result: null,
  stall,
  placed: [],
  total: null,
})
const offline: Stall = { kind: 'offline', failure: { code: 'network_error', message: 'Failed to fetch' }, retryAt: 5 }
const auth: Stall = { kind: 'auth', failure: { code: 'unauthorized', message: 'Unknown token.' }, retryAt: null }

test('the running jobs’ most serious stall, with how many jobs it holds up', () => {
  expect(connectionStatus([entry('running', null)])).toBeNull()
  expect(connectionStatus([entry('running', offline), entry('queued', offline), entry('running', null)])).toEqual({
    kind: 'offline',
    text: 'Connection lost, retrying…',
    jobs: 2,
  })
  expect(connectionStatus([entry('running', offline), entry('placing', auth)])).toMatchObject({ kind: 'auth', jobs: 1 })
  // Finished jobs hold nothing up.
  expect(connectionStatus([entry('failed', offline)])).toBeNull()
})
