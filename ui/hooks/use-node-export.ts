import { useEffect, useState } from 'preact/hooks'
import type { ExportResult } from '../../shared/protocol/messages'
import { describeError, type ErrorText } from '../api/describe-error'
import type { Bridge } from '../bridge'
import { compactReference } from '../images/compact-reference'
import { exportNodeImage } from '../images/export-node-image'

export type NodeExport =
  | { status: 'idle' | 'loading'; result: null; error: null }
  | { status: 'ready'; result: ExportResult; error: null }
  | { status: 'error'; result: null; error: ErrorText }

/**
 * The node as it will be uploaded (main's export, 300 to 2048 px, compacted to JPEG when opaque), re-exported
 * when the node or its size changes, so the thumbnail is what will be sent.
 */
export function useNodeExport(bridge: Bridge, nodeId: string | null, version: string): NodeExport {
  const [state, setState] = useState<NodeExport>({ status: 'idle', result: null, error: null })
  useEffect(() => {
    if (!nodeId) {
      setState({ status: 'idle', result: null, error: null })
      return
    }
    let alive = true
    setState({ status: 'loading', result: null, error: null })
    exportNodeImage(bridge, nodeId)
      .then(compactReference)
      .then((result) => alive && setState({ status: 'ready', result, error: null }))
      .catch((e: unknown) => alive && setState({ status: 'error', result: null, error: describeError(e, 'export_failed') }))
    return () => {
      alive = false
    }
  }, [bridge, nodeId, version])
  return state
}
