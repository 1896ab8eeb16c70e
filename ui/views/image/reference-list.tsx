import type { NodeSummary } from '../../../shared/protocol/messages'
import { formatBytes } from '../../format'
import type { NodeExport } from '../../hooks/use-node-exports'
import { useObjectUrl } from '../../hooks/use-object-url'
import { ROLE_LABEL, roleOf, type ReferenceRole, type RoleMap } from '../../requests/reference-roles'

interface ReferenceListProps {
  nodes: readonly NodeSummary[]
  exports: ReadonlyMap<string, NodeExport>
  /** Multi-image reference: each image is marked Subject, Scene or Style. */
  roles?: { map: RoleMap; onChange: (nodeId: string, role: ReferenceRole) => void; offered: readonly ReferenceRole[] }
  /** Omni: each image carries the number the prompt refers to it by. */
  numbered?: boolean
}

/** The selected references as they will be uploaded: a thumbnail, the layer's name and size, its upload. */
export function ReferenceList({ nodes, exports, roles, numbered }: ReferenceListProps) {
  return (
    <ul class="refs" aria-label="References" data-testid="reference-list">
      {nodes.map((node, i) => (
        <ReferenceRow
          key={node.id}
          node={node}
          exported={exports.get(node.id) ?? { status: 'idle', result: null, error: null }}
          number={numbered ? i + 1 : null}
          roles={roles}
        />
      ))}
    </ul>
  )
}

function ReferenceRow({
  node,
  exported,
  number,
  roles,
}: {
  node: NodeSummary
  exported: NodeExport
  number: number | null
  roles: ReferenceListProps['roles']
}) {
  const result = exported.status === 'ready' ? exported.result : null
  const url = useObjectUrl(result?.bytes ?? null, result?.mime ?? 'image/png')
  const role = roles ? roleOf(roles.map, node.id) : null
  return (
    <li class="ref" data-testid="reference" data-node-id={node.id} data-role={role ?? undefined}>
      <div class="ref-thumb">
        {url ? <img src={url} alt="" /> : <span class="thumb-empty" aria-hidden="true" />}
        {number !== null && (
          <span class="ref-number" aria-hidden="true">
            {number}
          </span>
        )}
      </div>
      <div class="ref-text">
        <p class="ref-name" title={node.name}>
          {node.name}
        </p>
        <p class="ref-meta" data-testid="upload-size" title={result ? uploadTitle(result) : undefined}>
          {Math.round(node.width)}×{Math.round(node.height)}
          {result ? (
            // The upload's own size only where the export scaled it; its bytes always.
            `${result.width !== Math.round(node.width) || result.height !== Math.round(node.height) ? ` → ${result.width}×${result.height}` : ''} · ${formatBytes(result.bytes.length)}`
          ) : exported.status === 'error' ? (
            <span class="text-danger">
              {' · '}
              {exported.error.title}
            </span>
          ) : (
            ' · preparing…'
          )}
        </p>
      </div>
      {roles && role && (
        <fieldset class="ref-roles">
          <legend class="visually-hidden">Role of {node.name}</legend>
          <div class="segmented segmented-small">
            {roles.offered.map((r) => (
              <label key={r} class={r === role ? 'segment segment-on' : 'segment'}>
                <input
                  type="radio"
                  name={`role-${node.id}`}
                  value={r}
                  checked={r === role}
                  onChange={() => roles.onChange(node.id, r)}
                />
                {ROLE_LABEL[r]}
              </label>
            ))}
          </div>
        </fieldset>
      )}
    </li>
  )
}

function uploadTitle(result: { width: number; height: number; mime: string; bytes: Uint8Array }): string {
  return `Uploads ${result.width}×${result.height} ${result.mime === 'image/png' ? 'PNG' : 'JPEG'}, ${formatBytes(result.bytes.length)}`
}
