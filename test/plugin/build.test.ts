import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { buildPlugin } from '../../scripts/build'
import { builtPlugin, TEST_BACKEND_URL } from './harness'

const scratch: string[] = []
afterAll(async () => {
  for (const dir of scratch) await rm(dir, { recursive: true, force: true })
})

async function buildFor(backendUrl: string) {
  const outdir = await mkdtemp(join(tmpdir(), 'kling-frames-build-'))
  scratch.push(outdir)
  const result = await buildPlugin({ outdir, backendUrl, minify: true })
  return { result, manifest: JSON.parse(await readFile(result.manifest.path, 'utf8')) }
}

describe('build', () => {
  it('bakes the default backend URL and the declared domains into code.js', async () => {
    const { code } = await builtPlugin()
    expect(code).toContain(JSON.stringify(TEST_BACKEND_URL))
    expect(code).not.toContain('__DEFAULT_BACKEND_URL__')
    expect(code).not.toContain('__NETWORK_DOMAINS__')
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

  it('writes dist/manifest.json with the deployed backend as the one allowed domain', async () => {
    const manifest = JSON.parse((await builtPlugin()).manifest)
    expect(manifest).toMatchObject({
      main: 'code.js',
      ui: 'ui.html',
      documentAccess: 'dynamic-page',
      networkAccess: { allowedDomains: [TEST_BACKEND_URL], devAllowedDomains: ['http://localhost:8787'] },
    })
    expect(manifest.networkAccess.reasoning).toMatch(/backend/)
  })

  it('keeps a localhost backend to the development domains, where Figma allows it', async () => {
    const { manifest, result } = await buildFor('http://localhost:9123/')
    expect(result.backendOrigin).toBe('http://localhost:9123')
    expect(manifest.networkAccess).toMatchObject({
      allowedDomains: ['none'],
      devAllowedDomains: ['http://localhost:8787', 'http://localhost:9123'],
    })
  })

  it.each([
    ['http://kling.example.com', /plain http/],
    ['https://kling-frames.workers.dev', /<worker>\.<account>\.workers\.dev/],
    ['http://127.0.0.1:8787', /IP literals/],
    ['https://kf.alice.workers.dev/v1', /only scheme, host and port/],
    ['kf.alice.workers.dev', /not a URL/],
  ])('fails for a backend Figma could not reach: %s', async (url, reason) => {
    const outdir = await mkdtemp(join(tmpdir(), 'kling-frames-build-'))
    scratch.push(outdir)
    const build = buildPlugin({ outdir, backendUrl: url })
    await expect(build).rejects.toThrow(reason)
    await expect(build).rejects.toThrow(/KLING_FRAMES_BACKEND_URL/)
  })
})

describe('manifest.json (the template the build completes)', () => {
  it('points Figma at the build and declares what the plugin needs', async () => {
    const manifest = JSON.parse(await readFile(join(import.meta.dirname, '../../manifest.json'), 'utf8'))
    expect(manifest).toMatchObject({
      name: 'Kling Frames',
      api: '1.0.0',
      main: 'dist/code.js',
      ui: 'dist/ui.html',
      editorType: ['figma'],
      documentAccess: 'dynamic-page',
      // No real origin until the build writes one: a made-up workers.dev host could never be a Worker's.
      networkAccess: { allowedDomains: ['none'], devAllowedDomains: ['http://localhost:8787'] },
    })
    const commands = [
      ...manifest.menu.filter((item: { command?: string }) => item.command).map((item: { command: string }) => item.command),
      ...manifest.relaunchButtons.map((button: { command: string }) => button.command),
    ]
    expect(new Set(commands)).toEqual(new Set(['open', 'generate', 'expand', 'fill', 'regenerate', 'variations']))
    // Relaunch buttons work on several placed frames at once, and every one listed is one the plugin sets.
    expect(manifest.relaunchButtons).toEqual([
      { command: 'regenerate', name: 'Regenerate', multipleSelection: true },
      { command: 'variations', name: 'Variations', multipleSelection: true },
    ])
    const generate = manifest.menu.find((item: { command?: string }) => item.command === 'generate')
    expect(generate.parameters).toEqual([expect.objectContaining({ key: 'prompt', allowFreeform: true })])
  })
})
