import { useCallback, useEffect, useState } from 'preact/hooks'
import type { Capabilities } from '../../shared/api/schemas'
import type { ApiClient } from '../api/client'
import type { ErrorText } from '../api/describe-error'
import { describeConnectionError } from '../api/network-access'

export type CapabilitiesState =
  | { status: 'idle' | 'loading'; caps: Capabilities | null; error: null }
  | { status: 'ready'; caps: Capabilities; error: null }
  | { status: 'error'; caps: Capabilities | null; error: ErrorText }

/** What the backend offers (models, ratios, limits, budget), fetched again whenever the client changes. */
export function useCapabilities(api: ApiClient | null) {
  const [state, setState] = useState<CapabilitiesState>({ status: 'idle', caps: null, error: null })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    if (!api) {
      setState({ status: 'idle', caps: null, error: null })
      return
    }
    const controller = new AbortController()
    setState((s) => ({ status: 'loading', caps: s.caps, error: null }))
    api
      .capabilities(controller.signal)
      .then((caps) => setState({ status: 'ready', caps, error: null }))
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ status: 'error', caps: s.caps, error: describeConnectionError(e, api.baseUrl) }))
      })
    return () => controller.abort()
  }, [api, attempt])

  const reload = useCallback(() => setAttempt((a) => a + 1), [])
  return { ...state, reload }
}
