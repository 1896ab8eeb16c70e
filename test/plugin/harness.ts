// Plugin tests' harness: the real built code.js running against the Figma emulator, driven as the UI drives it.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { vi } from 'vitest'
import { buildPlugin } from '../../scripts/build'
import { createClient, type Client } from '../../shared/protocol/channel'
import type { Command, SelectionState } from '../../shared/protocol/messages'
import {
  createFigmaEmulator,
  type FigmaEmulator,
  type FigmaEmulatorOptions,
  type ReopenOptions,
  type ScenarioName,
} from '../playground/emulator'
import { MISSING_GLOBALS } from '../playground/sandbox-globals'

export const TEST_BACKEND_URL = 'https://backend.test'

let bundle: Promise<{ code: string; html: string; manifest: string }> | undefined

/** dist/code.js, ui.html and manifest.json as `npm run build` makes them, built once per test file into a temporary folder. */
export function builtPlugin(): Promise<{ code: string; html: string; manifest: string }> {
  bundle ??= (async () => {
    const outdir = await mkdtemp(join(tmpdir(), 'kling-frames-plugin-'))
    try {
      const built = await buildPlugin({ outdir, backendUrl: TEST_BACKEND_URL })
      return {
        code: await readFile(built.code.path, 'utf8'),
        html: await readFile(built.ui.path, 'utf8'),
        manifest: await readFile(built.manifest.path, 'utf8'),
      }
    } finally {
      await rm(outdir, { recursive: true, force: true })
    }
  })()
  return bundle
}

export interface PluginRun {
  emulator: FigmaEmulator
  figma: PluginAPI
  /** The UI's end of the channel. */
  client: Client
  /** Every `selection` and `command` event the UI received, in order. */
  selections: SelectionState[]
  commands: Command[]
  node(name: string): SceneNode
  /** Selects nodes by name as the user would. */
  select(...names: string[]): void
}

export interface StartOptions extends FigmaEmulatorOptions {
  scenario?: ScenarioName
  /** Runs on the document before the plugin starts, e.g. to add layers or select some. */
  before?: (emulator: FigmaEmulator) => void | Promise<void>
}

/** Loads a scenario, evaluates the built code.js with the emulator's `figma` and `__html__`, and connects a UI. */
export async function startPlugin({ scenario = 'empty', before, ...options }: StartOptions = {}): Promise<PluginRun> {
  const emulator = createFigmaEmulator(options)
  emulator.loadScenario(scenario)
  await before?.(emulator)
  return launch(emulator)
}

/** Closes the plugin and runs it again on the same document and storage, e.g. from a relaunch button. */
export async function reopenPlugin(run: PluginRun, options: ReopenOptions): Promise<PluginRun> {
  run.emulator.reopen(options)
  return launch(run.emulator)
}

async function launch(emulator: FigmaEmulator): Promise<PluginRun> {
  const { code, html } = await builtPlugin()
  const client = createClient({ post: (m) => emulator.sendFromUI(m), listen: (r) => emulator.onUIMessage(r) })
  const selections: SelectionState[] = []
  const commands: Command[] = []
  client.on('selection', (s) => selections.push(s))
  client.on('command', (c) => commands.push(c))
  // Node's own globals that Figma's sandbox lacks (URL, TextEncoder, structuredClone…) are hidden, as in Figma.
  new Function('figma', '__html__', ...MISSING_GLOBALS, code)(emulator.figma, html)
  await vi.waitFor(() => {
    if (!emulator.showUI) throw new Error('the plugin has not shown its UI')
  })
  const node = (name: string) => findByName(emulator, name)
  return {
    emulator,
    figma: emulator.figma,
    client,
    selections,
    commands,
    node,
    select: (...names) => emulator.user.select(names.map((name) => node(name).id)),
  }
}

export function findByName(emulator: FigmaEmulator, name: string): SceneNode {
  const found = emulator.page.findOne((n) => n.name === name)
  if (!found) throw new Error(`no layer named "${name}"`)
  return found as SceneNode
}

/** A frame on the page (or in `parent`), for tests that need layers the scenarios lack. */
export function addFrame(
  figma: PluginAPI,
  props: { name: string; x?: number; y?: number; width: number; height: number; fills?: Paint[] },
  parent?: FrameNode | SectionNode,
): FrameNode {
  const frame = figma.createFrame()
  parent?.appendChild(frame)
  Object.assign(frame, { name: props.name, x: props.x ?? 0, y: props.y ?? 0 })
  frame.resize(props.width, props.height)
  if (props.fills) frame.fills = props.fills
  return frame
}

export function imagePaint(hash: string, scaleMode: ImagePaint['scaleMode'] = 'FILL'): ImagePaint {
  return { type: 'IMAGE', scaleMode, imageHash: hash }
}
