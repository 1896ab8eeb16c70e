/** Writes a suite's figures to test-results/stress/<name>.json and prints them, for the README's Reliability section. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../../e2e/support/env'

export function report(name: string, figures: Record<string, unknown>): void {
  const dir = join(ROOT, 'test-results/stress')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(figures, null, 2) + '\n')
  console.log(`\n[stress] ${name}\n${JSON.stringify(figures, null, 2)}\n`)
}
