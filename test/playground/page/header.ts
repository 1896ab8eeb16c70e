/** The page header: scenario, menu command and theme pickers, plugin status, "Reopen plugin" and storage reset. */
import { SCENARIO_NAMES, type FigmaEmulator } from '../emulator'
import { el } from './dom'
import { MENU_COMMANDS, playgroundUrl, type PlaygroundConfig } from './playground-config'

export interface HeaderActions {
  /** Close the plugin and run it again with this menu command. */
  relaunch(command: string): void
  clearStorage(): void
}

export function mountHeader(host: HTMLElement, emulator: FigmaEmulator, config: PlaygroundConfig, actions: HeaderActions): void {
  const scenario = select('scenario-select', 'Scenario', SCENARIO_NAMES, config.scenario)
  scenario.input.addEventListener('change', () => location.assign(playgroundUrl({ scenario: scenario.input.value })))

  const command = select('command-select', 'Command', MENU_COMMANDS, config.command)
  command.input.addEventListener('change', () => {
    history.replaceState(null, '', playgroundUrl({ command: command.input.value }))
    actions.relaunch(command.input.value)
  })

  const theme = select('theme-select', 'Theme', ['light', 'dark'], config.theme)
  theme.input.addEventListener('change', () => location.assign(playgroundUrl({ theme: theme.input.value })))

  const reopen = el('button', { className: 'button button-primary', text: 'Reopen plugin', testId: 'reopen-button' })
  reopen.addEventListener('click', () => actions.relaunch(command.input.value))
  const reset = el('button', { className: 'button', text: 'Clear storage', testId: 'clear-storage-button', attrs: { title: 'Forget clientStorage (settings, pending jobs) and reload' } })
  reset.addEventListener('click', () => actions.clearStorage())

  const status = el('span', { className: 'status', testId: 'plugin-status' })
  const renderStatus = () => {
    const running = !emulator.closed
    status.dataset.state = running ? 'running' : 'closed'
    status.textContent = running ? `Running · ${emulator.figma.command || 'no command'}` : 'Closed'
  }
  emulator.onChange(renderStatus)
  renderStatus()

  host.replaceChildren(
    el('div', { className: 'brand' }, el('span', { className: 'brand-mark', attrs: { 'aria-hidden': 'true' } }), el('strong', { text: 'Kling Frames' }), el('span', { className: 'brand-sub', text: 'Playground' })),
    el('div', { className: 'controls' }, scenario.label, command.label, theme.label),
    el('div', { className: 'actions' }, status, reset, reopen),
  )
}

function select(testId: string, caption: string, options: readonly string[], value: string) {
  const input = el('select', { testId })
  for (const option of options.includes(value) ? options : [...options, value]) input.append(el('option', { text: option, attrs: { value: option } }))
  input.value = value
  const label = el('label', { className: 'picker' }, el('span', { text: caption }), input)
  return { input, label }
}
