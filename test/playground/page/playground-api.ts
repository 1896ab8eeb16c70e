/**
 * `window.playground`, the handle tests use on the page. Importing this file (even `import type`) makes
 * `window.playground` typed in a test program.
 */
import type { FigmaEmulator, NodeSnapshot, ReopenOptions } from '../emulator'
import type { PlaygroundConfig } from './playground-config'

export interface Playground {
  emulator: FigmaEmulator
  config: PlaygroundConfig
  /** Resolves once the plugin's code has run for the first time (or failed to load: see `plugin-error`). */
  ready: Promise<void>
  /** Closes the plugin and runs its code again: same document and storage, fresh UI. */
  reopen(options?: ReopenOptions): Promise<void>
  /** Selects nodes by id as the user would (fires selectionchange). */
  select(ids: string[]): void
  snapshot(): NodeSnapshot[]
}

declare global {
  interface Window {
    playground: Playground
  }
}
