/**
 * The page's settings from its query string: `?scenario=empty|placeholders|expand|reference&command=open|generate|
 * expand|fill&theme=light|dark&backend=<url>&token=<client token>&file=<name>`, plus `param.<name>=<value>` for quick-action
 * parameters (e.g. `&command=generate&param.prompt=a%20red%20fox`).
 */
import { SCENARIO_NAMES, type ScenarioName } from '../emulator'
import type { Theme } from './figma-theme'

export const MENU_COMMANDS = ['open', 'generate', 'expand', 'fill'] as const

export interface PlaygroundConfig {
  scenario: ScenarioName
  command: string
  /** Quick-action parameters the plugin is launched with (undefined: none, as from the menu). */
  parameters: Record<string, string> | undefined
  theme: Theme
  /** Preset into the plugin's settings before it starts (null: keep what clientStorage has). */
  backend: string | null
  token: string | null
  /**
   * A named document (`&file=A`): restored from localStorage on load when it was saved before (else the scenario
   * starts it), and saved as it changes, so that, like a Figma file, it keeps its nodes and pluginData across page
   * loads. Files share clientStorage, as files on one computer do. Null: a fresh scenario on every load.
   */
  file: string | null
}

export function readPlaygroundConfig(search: string, prefersDark: boolean): PlaygroundConfig {
  const query = new URLSearchParams(search)
  const scenario = query.get('scenario') ?? 'empty'
  const theme = query.get('theme')
  const parameters = [...query].filter(([key]) => key.startsWith('param.')).map(([key, value]) => [key.slice(6), value])
  return {
    scenario: (SCENARIO_NAMES as readonly string[]).includes(scenario) ? (scenario as ScenarioName) : 'empty',
    command: query.get('command') || 'open',
    parameters: parameters.length ? Object.fromEntries(parameters) : undefined,
    theme: theme === 'light' || theme === 'dark' ? theme : prefersDark ? 'dark' : 'light',
    backend: query.get('backend'),
    token: query.get('token'),
    file: query.get('file') || null,
  }
}

/** This page's URL with some parameters changed (null removes one). */
export function playgroundUrl(changes: Record<string, string | null>): string {
  const url = new URL(location.href)
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) url.searchParams.delete(key)
    else url.searchParams.set(key, value)
  }
  return url.toString()
}
