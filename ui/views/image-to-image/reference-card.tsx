import type { NodeSummary } from '../../../shared/protocol/messages'
import { formatBytes } from '../../format'
import type { NodeExport } from '../../hooks/use-node-export'
import { useObjectUrl } from '../../hooks/use-object-url'

/** The reference as it will be uploaded: a thumbnail of the export, its layer size and its upload size. */
export function ReferenceCard({ node, exported }: { node: NodeSummary; exported: NodeExport }) {
  const result = exported.status === 'ready' ? exported.result : null
  const url = useObjectUrl(result?.bytes ?? null, result?.mime ?? 'image/png')
  return (
    <div class="card" data-testid="reference-card">
      <div class="card-thumb">
        {url ? <img src={url} alt={`Reference: ${node.name}`} /> : <span class="thumb-empty" aria-hidden="true" />}
      </div>
      <div class="card-text">
        <p class="card-title" title={node.name}>
          {node.name}
        </p>
        <p class="card-meta">
          Layer {Math.round(node.width)}×{Math.round(node.height)}
        </p>
        <p class="card-meta" data-testid="upload-size">
          {result
            ? `Uploads ${result.width}×${result.height} ${result.mime === 'image/png' ? 'PNG' : 'JPEG'}, ${formatBytes(result.bytes.length)}`
            : exported.status === 'error'
              ? <span class="text-danger">{exported.error.title} {exported.error.detail}</span>
              : 'Preparing upload…'}
        </p>
      </div>
    </div>
  )
}
