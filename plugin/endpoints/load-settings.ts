// Endpoint `loadSettings`: the stored settings over the defaults.
import type { Settings } from '../../shared/protocol/messages'
import { loadSettingsAsync } from '../settings'

export function loadSettings(): Promise<Settings> {
  return loadSettingsAsync()
}
