/** Small statistics helpers for the benchmarks. */

/** Percentile `p` (0..100) with linear interpolation between closest ranks (R type 7, what numpy does). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = (p / 100) * (sorted.length - 1)
  const lo = Math.floor(rank)
  const hi = Math.ceil(rank)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo)
}

export const median = (values: readonly number[]): number => percentile(values, 50)

export function formatMs(ms: number, digits = 0): string {
  if (!Number.isFinite(ms)) return 'n/a'
  return `${ms.toFixed(digits)} ms`
}

export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a'
  return ratio >= 10 ? `${ratio.toFixed(0)}×` : `${ratio.toFixed(1)}×`
}

/** Left-aligned text table: every column as wide as its widest cell. */
export function textTable(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths: number[] = []
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)))
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ')).join('\n')
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}
