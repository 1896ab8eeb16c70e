import { expect, test } from 'vitest'
import type { JobEntry } from '../../../ui/jobs/runner'
import { frameState, latestJobByNode } from '../../../ui/jobs/progress'

const entry = (key: string, startedAt: number, nodeIds: string[]): JobEntry => ({
  key,
  spec: { label: '', detail: '', placement: { kind: 'fill', nodeIds }, meta: { operation: 'generate', prompt: '', model: '' }, request: null },
  state: 'running',
  jobId: null,
  step: 0,
  steps: 1,
  startedAt,
  endedAt: null,
  failure: null,
  canRetry: false,
  result: null,
  stall: null,
  placed: [],
  total: null,
})

test('each node maps to the newest fill job that targets it', () => {
  const older = entry('a', 1, ['1', '2'])
  const newer = entry('b', 2, ['2', '3'])
  const map = latestJobByNode([older, newer])
  expect(map.get('1')?.key).toBe('a')
  expect(map.get('2')?.key).toBe('b')
  expect(map.get('3')?.key).toBe('b')
  expect(map.has('4')).toBe(false)
})

test('a frame whose image is placed is done while its job still places the others', () => {
  const job: JobEntry = { ...entry('a', 1, ['1', '2', '3']), state: 'placing', placed: [0, 2], total: 3 }
  expect(['1', '2', '3'].map((id) => frameState(job, id))).toEqual(['done', 'placing', 'done'])
  expect(frameState({ ...job, state: 'failed' }, '1')).toBe('failed')
})
