// Endpoint `notify`: a Figma toast on the UI's behalf, optionally with a "Show" button for placed nodes.
import { notifyUser } from '../notify-user'
import { showNodesAsync } from '../placement/selection-etiquette'

export function notify({ message, error, show }: { message: string; error?: boolean; show?: string[] }): void {
  const ids = Array.isArray(show) ? show.filter((id): id is string => typeof id === 'string') : []
  notifyUser(String(message), error === true, ids.length ? { text: 'Show', action: () => void showNodesAsync(ids) } : undefined)
}
