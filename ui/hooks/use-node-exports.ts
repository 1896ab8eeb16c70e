import { useEffect, useRef, useState } from 'preact/hooks'
import type { ExportResult, NodeSummary } from '../../shared/protocol/messages'
import { describeError, type ErrorText } from '../api/describe-error'
import type { Bridge } from '../bridge'
import { compactReference } from '../images/compact-reference'
import { exportNodeImage } from '../images/export-node-image'

export type NodeExport =
  | { status: 'idle' | 'loading'; result: null; error: null }
  | { status: 'ready'; result: ExportResult; error: null }
  | { status: 'error'; result: null; error: ErrorText }

const IDLE: NodeExport = { status: 'idle', result: null, error: null }

/**
 * Each node as it will be uploaded (main's export, 300 to 2048 px, an image shown FIT drawn from its file, compacted
 * to JPEG when opaque), by node id, so each thumbnail is what will be sent. A node is exported again only when its
 * size changes; exports run one after another, so that four large frames do not stall the main thread at once.
 */
export function useNodeExports(bridge: Bridge, nodes: readonly NodeSummary[]): ReadonlyMap<string, NodeExport> {
  const cache = useRef(new Map<string, { version: string; state: NodeExport }>())
  const [, setTick] = useState(0)
  const signature = nodes.map((n) => `${n.id}@${versionOf(n)}`).join('|')

  useEffect(() => {
    let alive = true
    const wanted = nodes.map((n) => ({ id: n.id, version: versionOf(n) }))
    for (const id of [...cache.current.keys()]) if (!wanted.some((w) => w.id === id)) cache.current.delete(id)
    const todo = wanted.filter((w) => {
      const hit = cache.current.get(w.id)
      return !hit || hit.version !== w.version || hit.state.status === 'error'
    })
    for (const w of todo) cache.current.set(w.id, { version: w.version, state: { status: 'loading', result: null, error: null } })
    setTick((t) => t + 1)
    void (async () => {
      for (const w of todo) {
        let state: NodeExport
        try {
          const result = await compactReference(await exportNodeImage(bridge, w.id))
          state = { status: 'ready', result, error: null }
        } catch (e) {
          state = { status: 'error', result: null, error: describeError(e, 'export_failed') }
        }
        if (!alive) return
        if (cache.current.get(w.id)?.version === w.version) cache.current.set(w.id, { version: w.version, state })
        setTick((t) => t + 1)
      }
    })()
    return () => {
      alive = false
      // Exports cut short are redone next time.
      for (const w of todo) if (cache.current.get(w.id)?.state.status === 'loading') cache.current.delete(w.id)
    }
  }, [bridge, signature])

  const out = new Map<string, NodeExport>()
  for (const node of nodes) out.set(node.id, cache.current.get(node.id)?.state ?? IDLE)
  return out
}

function versionOf(node: NodeSummary): string {
  return `${Math.round(node.width)}x${Math.round(node.height)}`
}
