import { describe, expect, test } from 'vitest'
import { canCancel, isActive, transition, type JobEvent, type JobState } from '../../../ui/jobs/job-state'

describe('transition', () => {
  const cases: [JobState, JobEvent, JobState | null][] = [
    ['queued', 'start', 'running'],
    ['queued', 'fail', 'failed'],
    ['queued', 'cancel', 'canceled'],
    ['queued', 'place', null],
    ['running', 'place', 'placing'],
    ['running', 'fail', 'failed'],
    ['running', 'cancel', 'canceled'],
    ['running', 'start', null],
    ['placing', 'placed', 'done'],
    ['placing', 'fail', 'failed'],
    ['placing', 'cancel', null],
    ['done', 'fail', null],
    ['done', 'retry', null],
    ['done', 'cancel', null],
    ['failed', 'retry', 'queued'],
    ['failed', 'placed', null],
    ['canceled', 'retry', 'queued'],
    ['canceled', 'start', null],
  ]
  test.each(cases)('%s + %s → %s', (state, event, next) => {
    expect(transition(state, event)).toBe(next)
  })
})

test.each([
  ['queued', true, true],
  ['running', true, true],
  ['placing', true, false],
  ['done', false, false],
  ['failed', false, false],
  ['canceled', false, false],
] as const)('%s: active %s, cancellable %s', (state, active, cancellable) => {
  expect(isActive(state)).toBe(active)
  expect(canCancel(state)).toBe(cancellable)
})
