#!/usr/bin/env node
// Runs a TypeScript entry on Node 20 without another dependency: esbuild bundles it (packages stay external)
// into node_modules/.cache, then we import the result with the remaining arguments left in process.argv.
import { build } from 'esbuild'
import { mkdirSync, rmSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const [entry, ...rest] = process.argv.slice(2)
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args...]')
  process.exit(2)
}
const outdir = resolve('node_modules/.cache/run-ts')
mkdirSync(outdir, { recursive: true })
const outfile = resolve(outdir, `${basename(entry).replace(/\.tsx?$/, '')}-${process.pid}.mjs`)
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
})
process.on('exit', () => rmSync(outfile, { force: true }))
process.argv = [process.argv[0], resolve(entry), ...rest]
await import(pathToFileURL(outfile).href)
