/**
 * One browser context on the playground page: the emulated Figma document, and the plugin's UI inside its
 * iframe. Tests act on the UI through accessible names and assert on `window.playground.snapshot()`.
 */
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core'
import type { NodeSnapshot } from '../../playground/emulator'
// Types `window.playground` (the page's handle for tests) in this program.
import type {} from '../../playground/page/playground-api'
import { waitFor } from './wait'

export type { NodeSnapshot }
export type Scenario = 'empty' | 'placeholders' | 'expand' | 'reference' | 'instances' | 'odd-frames' | 'compose'

export interface SessionOptions {
  playgroundUrl: string
  backendUrl: string
  token: string
  scenario?: Scenario
  theme?: 'light' | 'dark'
  /** A named document (`&file=`): it keeps its nodes and pluginData across page loads of the same context. */
  file?: string
  /** The menu command the plugin is launched with, and quick-action parameters (`&param.prompt=`). */
  command?: string
  parameters?: Record<string, string>
  /** Wait until the panel has loaded the backend's capabilities (default true). */
  waitConnected?: boolean
}

export class Session {
  /** Browser console errors and page errors, printed when a test fails. */
  readonly log: string[] = []

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') this.log.push(`[console.${message.type()}] ${message.text()}`)
    })
    page.on('pageerror', (error) => this.log.push(`[pageerror] ${error.message}`))
    page.on('requestfailed', (request) => {
      const failure = request.failure()?.errorText ?? ''
      // A canceled long poll (?wait=) on reopen or cancel is expected.
      if (!failure.includes('ERR_ABORTED')) this.log.push(`[requestfailed] ${request.method()} ${request.url()} ${failure}`)
    })
  }

  /** A fresh context and page; `goto` then loads the playground. */
  static async create(browser: Browser): Promise<Session> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 })
    context.setDefaultTimeout(30_000)
    return new Session(context, await context.newPage())
  }

  /** Options of the last `goto`, so a test can load another file with the same backend. */
  options: SessionOptions | null = null

  async goto(options: SessionOptions): Promise<this> {
    this.options = options
    const { page } = this
    const query = new URLSearchParams({
      scenario: options.scenario ?? 'empty',
      theme: options.theme ?? 'light',
      backend: options.backendUrl,
      token: options.token,
      ...(options.file ? { file: options.file } : {}),
      ...(options.command ? { command: options.command } : {}),
      ...Object.fromEntries(Object.entries(options.parameters ?? {}).map(([key, value]) => [`param.${key}`, value])),
    })
    await page.goto(`${options.playgroundUrl}/?${query}`)
    await page.waitForFunction(() => typeof window.playground === 'object' && window.playground !== null)
    await page.evaluate(() => window.playground.ready)
    await page.locator('[data-testid="plugin-iframe"]').waitFor({ state: 'attached' })
    if (options.waitConnected !== false) await this.waitConnected()
    return this
  }

  /** The plugin's UI. */
  get ui(): FrameLocator {
    return this.page.frameLocator('[data-testid="plugin-iframe"]')
  }

  /** Until the status bar shows the provider and budget (capabilities loaded). */
  async waitConnected(timeout = 30_000): Promise<void> {
    await this.ui.getByTestId('status-bar').filter({ hasText: /left today/ }).waitFor({ state: 'visible', timeout })
  }

  async tab(name: string): Promise<void> {
    const tab = this.ui.getByRole('tab', { name, exact: true })
    await tab.click()
    await this.ui.locator(`[role="tab"][aria-selected="true"]`).filter({ hasText: name }).waitFor()
  }

  button(name: string) {
    return this.ui.getByRole('button', { name, exact: true })
  }

  /** Clicks a button once it is enabled. */
  async press(name: string, timeout = 30_000): Promise<void> {
    const button = this.button(name)
    await waitFor(() => button.isEnabled(), { what: `button "${name}" to be enabled`, timeout })
    await button.click()
  }

  async snapshot(): Promise<NodeSnapshot[]> {
    return this.page.evaluate(() => window.playground.snapshot())
  }

  /** Polls the document until `check` returns a value. */
  async waitForDocument<T>(what: string, check: (nodes: NodeSnapshot[]) => T | null | undefined | false, timeout = 45_000): Promise<T> {
    let last: NodeSnapshot[] = []
    return waitFor(
      async () => {
        last = await this.snapshot()
        return check(last)
      },
      { what, timeout, interval: 150, describe: () => `Document:\n${describeNodes(last)}` },
    )
  }

  /** Clicks a canvas node by its layer name; `add` shift-clicks (adds to the selection). */
  async clickNode(name: string, add = false): Promise<void> {
    const node = this.page.locator(`[data-node-name="${name.replace(/"/g, '\\"')}"]`).first()
    await node.click({ modifiers: add ? ['Shift'] : [], position: await clickPoint(node) })
  }

  /** Ids of the selected nodes, from the emulator. */
  async selectedIds(): Promise<string[]> {
    return (await this.snapshot()).filter((n) => n.selected).map((n) => n.id)
  }

  /** The panel's job rows (Jobs tab), optionally only those in one state. */
  jobRows(state?: string) {
    return this.ui.locator(state ? `[data-testid="job-row"][data-state="${state}"]` : '[data-testid="job-row"]')
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => {})
  }
}

/** A point inside the node's own box that is not covered by a child (its top-left corner area). */
async function clickPoint(node: ReturnType<Page['locator']>): Promise<{ x: number; y: number } | undefined> {
  const box = await node.boundingBox()
  if (!box) return undefined
  return { x: Math.min(6, box.width / 2), y: Math.min(6, box.height / 2) }
}

export function imageFill(node: NodeSnapshot) {
  return node.fills.find((f) => f.type === 'IMAGE' && f.visible !== false) ?? null
}

export function describeNodes(nodes: readonly NodeSnapshot[]): string {
  return nodes
    .map((n) => {
      const fills = n.fills
        .map((f) => (f.type === 'IMAGE' ? `IMAGE(${f.scaleMode} ${f.imageWidth}x${f.imageHeight})` : f.type))
        .join(',')
      return `  ${n.id} ${n.type} "${n.name}" ${n.x},${n.y} ${n.width}x${n.height} parent=${n.parentId} ${n.selected ? 'selected ' : ''}[${fills}]`
    })
    .join('\n')
}
