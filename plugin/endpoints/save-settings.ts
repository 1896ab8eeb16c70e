// Endpoint `saveSettings`: stores the settings, cleaned up (trimmed, trailing slash dropped, concurrency 1 to 6).
import type { Settings } from '../../shared/protocol/messages'
import { saveSettingsAsync } from '../settings'

export async function saveSettings(settings: Settings): Promise<void> {
  await saveSettingsAsync(settings)
}
