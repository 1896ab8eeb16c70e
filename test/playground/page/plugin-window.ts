/**
 * The plugin's floating window: the UI's HTML in a sandboxed srcdoc iframe (an opaque `null` origin, no storage,
 * like Figma's), sized by showUI / figma.ui.resize, with messages bridged both ways. Messages the plugin posts
 * before the iframe has loaded wait and go out on its load event, as Figma queues them.
 */
import type { FigmaEmulator } from '../emulator'
import { el } from './dom'
import { applyFigmaTheme, type Theme } from './figma-theme'
import { applyCsp } from './manifest-csp'

/** No allow-same-origin: the document gets an opaque origin and `Origin: null` on its requests. */
const SANDBOX = 'allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals allow-downloads'

export interface PluginWindowOptions {
  theme: Theme
  /** The manifest's Content-Security-Policy; null refuses every request (no manifest was built). */
  csp(): string | null
  onReopen(): void
}

export class PluginWindow {
  readonly element: HTMLElement
  private readonly title: HTMLElement
  private readonly body: HTMLElement
  private readonly closeButton: HTMLButtonElement
  private iframe: HTMLIFrameElement | null = null
  private loaded = false
  private queue: unknown[] = []
  /** The `figma` object of the run the iframe belongs to; a new one means the plugin was reopened. */
  private run: unknown = null

  constructor(
    private readonly emulator: FigmaEmulator,
    private readonly options: PluginWindowOptions,
  ) {
    this.title = el('span', { className: 'plugin-window-title', text: 'Kling Frames' })
    const close = el('button', { className: 'icon-button close-glyph', testId: 'plugin-close-button', attrs: { 'aria-label': 'Close plugin', title: 'Close plugin' } })
    this.closeButton = close
    close.addEventListener('click', () => emulator.user.closePlugin())
    this.body = el('div', { className: 'plugin-window-body' })
    this.element = el('section', { className: 'plugin-window', testId: 'plugin-window' }, el('header', { className: 'plugin-window-header' }, this.title, close), this.body)

    emulator.onUIMessage((message) => this.post(message))
    window.addEventListener('message', (event) => {
      if (!this.iframe || event.source !== this.iframe.contentWindow) return
      const data = event.data as { pluginMessage?: unknown } | null
      if (data && typeof data === 'object' && 'pluginMessage' in data) emulator.sendFromUI(data.pluginMessage)
    })
    emulator.onChange(() => this.sync())
    this.sync()
  }

  /** Screen width the window covers, for the canvas to keep clear. */
  get occupiedWidth(): number {
    return this.element.hidden ? 0 : this.element.offsetWidth + 32
  }

  get frame(): HTMLIFrameElement | null {
    return this.iframe
  }

  sync(): void {
    this.followRun()
    const ui = this.emulator.ui
    const shown = this.emulator.showUI
    const open = ui !== null && !ui.closed && shown !== null
    this.element.dataset.state = open ? 'open' : this.emulator.closed ? 'closed' : ui?.closed ? 'ui-closed' : 'starting'
    this.element.hidden = open && !ui.visible
    this.closeButton.hidden = !open
    if (!open) {
      this.removeIframe()
      this.body.replaceChildren(this.placeholder())
      this.body.style.width = '300px'
      this.body.style.height = 'auto'
      return
    }
    this.title.textContent = ui.title
    this.body.style.width = `${ui.width}px`
    this.body.style.height = `${ui.height}px`
    if (!this.iframe) this.createIframe(shown.html)
  }

  private post(message: unknown): void {
    this.followRun()
    if (this.iframe?.contentWindow && this.loaded) this.iframe.contentWindow.postMessage({ pluginMessage: message }, '*')
    else this.queue.push(message)
  }

  private followRun(): void {
    if (this.emulator.figma === this.run) return
    this.run = this.emulator.figma
    this.removeIframe()
    this.queue = []
  }

  private createIframe(html: string): void {
    const iframe = el('iframe', { className: 'plugin-iframe', testId: 'plugin-iframe', attrs: { sandbox: SANDBOX, allow: 'clipboard-read; clipboard-write', title: 'Kling Frames plugin UI' } })
    iframe.addEventListener('load', () => {
      if (iframe !== this.iframe) return
      this.loaded = true
      const backlog = this.queue
      this.queue = []
      for (const message of backlog) iframe.contentWindow?.postMessage({ pluginMessage: message }, '*')
    })
    iframe.srcdoc = applyCsp(applyFigmaTheme(html, this.options.theme), this.options.csp() ?? "default-src 'none'")
    this.iframe = iframe
    this.loaded = false
    this.body.replaceChildren(iframe)
  }

  private removeIframe(): void {
    this.iframe?.remove()
    this.iframe = null
    this.loaded = false
  }

  private placeholder(): HTMLElement {
    if (this.element.dataset.state === 'starting') return el('p', { className: 'plugin-window-note', text: 'Starting the plugin…' })
    const reopen = el('button', { className: 'button button-primary', text: 'Reopen plugin', testId: 'plugin-reopen-button' })
    reopen.addEventListener('click', () => this.options.onReopen())
    const text = this.emulator.closed ? 'The plugin is closed.' : 'The plugin closed its window (figma.ui.close).'
    return el('div', { className: 'plugin-window-closed' }, el('p', { className: 'plugin-window-note', text }), reopen)
  }
}
