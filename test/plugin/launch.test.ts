import { describe, expect, it } from 'vitest'
import { solidPng } from './fixtures/png'
import { builtPlugin, reopenPlugin, startPlugin } from './harness'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('launch', () => {
  it('shows the built UI with theme colours at a panel size', async () => {
    const run = await startPlugin()
    const { html } = await builtPlugin()
    expect(run.emulator.showUI?.html).toBe(html)
    expect(run.emulator.showUI?.options).toMatchObject({ width: 360, height: 640, themeColors: true })
  })

  it.each(['open', 'generate', 'expand', 'fill'])('sends the menu command "%s" to the UI', async (command) => {
    const run = await startPlugin({ command })
    await run.client.call('getSelection')
    expect(run.commands).toEqual([{ name: command }])
  })

  it('holds the command until the UI first calls, then sends it before the answer', async () => {
    const run = await startPlugin({ command: 'fill' })
    await pause(50)
    expect(run.commands).toEqual([])
    let commandsAtAnswer: number | undefined
    await run.client.call('loadSettings').then(() => (commandsAtAnswer = run.commands.length))
    expect(commandsAtAnswer).toBe(1)
  })

  it('passes the quick action prompt with "generate"', async () => {
    const run = await startPlugin({ command: 'generate', parameters: { prompt: '  a red fox in snow ' } })
    await run.client.call('getSelection')
    expect(run.commands).toEqual([{ name: 'generate', prompt: 'a red fox in snow' }])
  })

  it('sends no command for a launch that asks for nothing in particular', async () => {
    const run = await startPlugin({ command: '' })
    await run.client.call('getSelection')
    expect(run.commands).toEqual([])
  })
})

describe('relaunch buttons', () => {
  it.each(['regenerate', 'variations'])('"%s" sends the placed node’s prompt and id', async (command) => {
    const first = await startPlugin()
    const { placedNodeIds } = await first.client.call('place', {
      placement: { kind: 'new-frames' },
      meta: { jobId: 'job_7', operation: 'generate', prompt: 'A lighthouse at dusk', model: 'kling-v3' },
      images: [{ bytes: solidPng(1024, 1024), width: 1024, height: 1024 }],
    })
    // The plugin selected the new frame; its relaunch button starts a new run.
    const second = await reopenPlugin(first, { command })
    await second.client.call('getSelection')
    expect(second.commands).toEqual([{ name: command, prompt: 'A lighthouse at dusk', nodeId: placedNodeIds[0] }])
  })

  it('on a multiple selection, sends every placed node with its own prompt', async () => {
    const first = await startPlugin({ scenario: 'placeholders' })
    const ids = ['Hero banner', 'Poster', 'Product card'].map((name) => first.node(name).id)
    const image = { bytes: solidPng(1024, 1024), width: 1024, height: 1024 }
    for (const [i, prompt] of ['A harbour', 'A forest'].entries()) {
      await first.client.call('place', {
        placement: { kind: 'fill', nodeIds: [ids[i]] },
        meta: { jobId: `job_${i}`, operation: 'generate', prompt, model: 'kling-v3' },
        images: [image],
      })
    }
    first.emulator.user.select(ids)
    const second = await reopenPlugin(first, { command: 'regenerate' })
    await second.client.call('getSelection')
    expect(second.commands).toEqual([
      {
        name: 'regenerate',
        prompt: 'A harbour',
        nodeId: ids[0],
        targets: [
          { nodeId: ids[0], prompt: 'A harbour' },
          { nodeId: ids[1], prompt: 'A forest' },
        ],
      },
    ])
  })

  it('sends the bare command when the selected node was not placed by Kling Frames', async () => {
    const run = await startPlugin({
      scenario: 'placeholders',
      command: 'regenerate',
      before: (emulator) => emulator.user.select([emulator.page.children[0].id]),
    })
    await run.client.call('getSelection')
    expect(run.commands).toEqual([{ name: 'regenerate' }])
  })
})

describe('panel size', () => {
  it('can be resized within limits, and opens at the kept size next time', async () => {
    const first = await startPlugin()
    expect(await first.client.call('resizeUi', { width: 520.4, height: 900 })).toEqual({ width: 520, height: 900 })
    expect(first.emulator.ui).toMatchObject({ width: 520, height: 900 })
    expect(await first.client.call('resizeUi', { width: 10, height: 99_999 })).toEqual({ width: 320, height: 1400 })
    await first.client.call('resizeUi', { width: 480, height: 720 })
    const second = await reopenPlugin(first, { command: 'open' })
    expect(second.emulator.showUI?.options).toMatchObject({ width: 480, height: 720 })
  })
})
