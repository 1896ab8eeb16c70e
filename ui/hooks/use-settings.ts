import { useCallback, useEffect, useState } from 'preact/hooks'
import type { Settings } from '../../shared/protocol/messages'
import type { Bridge } from '../bridge'

/** Where a fresh install points, set at build time. */
export const DEFAULT_BACKEND_URL: string =
  typeof __DEFAULT_BACKEND_URL__ === 'string' ? __DEFAULT_BACKEND_URL__ : 'http://localhost:8787'

/** The settings main keeps in clientStorage; `null` until they arrive. Tokens are never logged. */
export function useSettings(bridge: Bridge) {
  const [settings, setSettings] = useState<Settings | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let alive = true
    bridge
      .call('loadSettings')
      .then((loaded) => alive && setSettings({ ...loaded, backendUrl: loaded.backendUrl || DEFAULT_BACKEND_URL }))
      .catch((e: Error) => alive && setError(e.message))
    return () => {
      alive = false
    }
  }, [bridge])

  const save = useCallback(
    async (next: Settings) => {
      setSettings(next)
      await bridge.call('saveSettings', next)
    },
    [bridge],
  )

  return { settings, save, error }
}
