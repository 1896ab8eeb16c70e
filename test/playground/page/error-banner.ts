/** Errors thrown by the plugin's main-thread code (Figma only logs them to its console; here they are visible). */
import { el } from './dom'

export function mountErrorBanner(host: HTMLElement) {
  const list = el('ul', { className: 'error-list' })
  const dismiss = el('button', { className: 'icon-button close-glyph', attrs: { 'aria-label': 'Dismiss errors' } })
  const banner = el('div', { className: 'error-banner', testId: 'plugin-error', attrs: { role: 'alert' } }, el('strong', { text: 'Plugin error' }), list, dismiss)
  banner.hidden = true
  dismiss.addEventListener('click', () => {
    list.replaceChildren()
    banner.hidden = true
  })
  host.append(banner)
  return {
    show(error: unknown) {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      list.append(el('li', { text }))
      banner.hidden = false
    },
  }
}
