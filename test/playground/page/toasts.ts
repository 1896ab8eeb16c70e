/** figma.notify as Figma shows it: dark pills at the bottom centre, red for errors, with the optional action button. */
import type { FigmaEmulator } from '../emulator'
import { el } from './dom'

export function mountToasts(host: HTMLElement, emulator: FigmaEmulator): void {
  const render = () => {
    host.replaceChildren(
      ...emulator.activeNotifications.map((notification, index, all) => {
        const toast = el('div', { className: 'toast', testId: 'toast', attrs: { role: 'status' } }, el('span', { className: 'toast-message', text: notification.message, testId: 'toast-message' }))
        toast.dataset.error = String(notification.error)
        if (index === all.length - 1) toast.dataset.latest = 'true'
        if (notification.buttonText) {
          const button = el('button', { className: 'toast-action', text: notification.buttonText, testId: 'toast-action' })
          button.addEventListener('click', () => notification.clickButton())
          toast.append(button)
        }
        // The × is drawn in CSS so the toast's text is just the message (and its button).
        const dismiss = el('button', { className: 'toast-dismiss', testId: 'toast-dismiss', attrs: { 'aria-label': 'Dismiss' } })
        dismiss.addEventListener('click', () => notification.dismiss())
        toast.append(dismiss)
        return toast
      }),
    )
  }
  emulator.onChange(render)
  render()
}
