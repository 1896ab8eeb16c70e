import { useEffect, useState } from 'preact/hooks'
import type { SelectionState } from '../../shared/protocol/messages'
import type { Bridge } from '../bridge'

/** The current selection, as main summarises it; kept fresh by its `selection` events. */
export function useSelection(bridge: Bridge): SelectionState | null {
  const [selection, setSelection] = useState<SelectionState | null>(null)
  useEffect(() => {
    let first = true
    const stop = bridge.on('selection', (next) => {
      first = false // an event is newer than an answer still on its way
      setSelection(next)
    })
    bridge
      .call('getSelection')
      .then((initial) => first && setSelection(initial))
      .catch(() => undefined)
    return () => {
      first = false
      stop()
    }
  }, [bridge])
  return selection
}
