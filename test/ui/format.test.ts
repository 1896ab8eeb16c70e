import { expect, test } from 'vitest'
import { formatBytes, formatElapsed, percent } from '../../ui/format'

test.each([
  [0, '0:00'],
  [7_400, '0:07'],
  [151_000, '2:31'],
  [3_725_000, '1:02:05'],
  [-5, '0:00'],
])('formatElapsed(%d) = %s', (ms, text) => expect(formatElapsed(ms)).toBe(text))

test.each([
  [512, '512 B'],
  [844_800, '825 KB'],
  [2_516_582, '2.4 MB'],
])('formatBytes(%d) = %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text))

test('percent rounds', () => expect(percent(0.8333)).toBe('83%'))
