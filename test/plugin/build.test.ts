import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { builtPlugin, TEST_BACKEND_URL } from './harness'

describe('build', () => {
  it('bakes the default backend URL into code.js', async () => {
    const { code } = await builtPlugin()
    expect(code).toContain(JSON.stringify(TEST_BACKEND_URL))
    expect(code).not.toContain('__DEFAULT_BACKEND_URL__')
  })

  it('makes ui.html one self-contained document with the app root and one inline script', async () => {
    const { html } = await builtPlugin()
    expect(html.startsWith('<!doctype html><html><head><meta charset="utf-8"><style>')).toBe(true)
    expect(html).toContain('<body><div id="app"></div><script>')
    expect(html.endsWith('</script></body></html>')).toBe(true)
    // Any "</script" inside the bundle is escaped, so the only closing tag is the real one.
    expect(html.match(/<\/script/gi)).toHaveLength(1)
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/)
  })
})

describe('manifest.json', () => {
  it('points Figma at the build and declares what the plugin needs', async () => {
    const manifest = JSON.parse(await readFile(join(import.meta.dirname, '../../manifest.json'), 'utf8'))
    expect(manifest).toMatchObject({
      name: 'Kling Frames',
      api: '1.0.0',
      main: 'dist/code.js',
      ui: 'dist/ui.html',
      editorType: ['figma'],
      documentAccess: 'dynamic-page',
      networkAccess: { devAllowedDomains: ['http://localhost:8787'] },
    })
    const commands = [
      ...manifest.menu.filter((item: { command?: string }) => item.command).map((item: { command: string }) => item.command),
      ...manifest.relaunchButtons.map((button: { command: string }) => button.command),
    ]
    expect(new Set(commands)).toEqual(new Set(['open', 'generate', 'expand', 'fill', 'regenerate', 'variations']))
    const generate = manifest.menu.find((item: { command?: string }) => item.command === 'generate')
    expect(generate.parameters).toEqual([expect.objectContaining({ key: 'prompt', allowFreeform: true })])
  })
})
