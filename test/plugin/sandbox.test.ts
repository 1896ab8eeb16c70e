// dist/code.js may use only what Figma's main-thread sandbox has: a global it lacks fails only in real Figma.
import { parse } from 'acorn'
import { analyze } from 'periscopic'
import { describe, expect, it } from 'vitest'
import { LANGUAGE_GLOBALS, MISSING_GLOBALS, SANDBOX_GLOBALS } from '../playground/sandbox-globals'
import { builtPlugin } from './harness'

/** Free identifiers of a script: names it reads that no scope of its own declares. */
function freeGlobals(code: string): string[] {
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'script' })
  return [...analyze(ast as Parameters<typeof analyze>[0]).globals.keys()].sort()
}

describe('the main-thread bundle', () => {
  it('uses no global that Figma’s sandbox lacks (URL, TextEncoder, structuredClone, crypto, DOM…)', async () => {
    const { code } = await builtPlugin()
    const allowed = new Set<string>([...SANDBOX_GLOBALS, ...LANGUAGE_GLOBALS])
    const used = freeGlobals(code)
    expect(used).toContain('figma')
    const foreign = used.filter((name) => !allowed.has(name))
    expect(foreign, `dist/code.js uses globals the plugin sandbox does not have: ${foreign.join(', ')}`).toEqual([])
  })

  it('the check catches them: a bundle using URL or structuredClone fails it', () => {
    const used = freeGlobals('(function(){ var u = new URL("https://x.test"); return structuredClone({ u: u.href }) })()')
    expect(used.filter((name) => (MISSING_GLOBALS as readonly string[]).includes(name))).toEqual(['URL', 'structuredClone'])
  })
})
