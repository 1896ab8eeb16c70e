import { exactFitText, type ExactFit } from '../../../shared/geometry/exact-fit'
import { cropText, type FrameRatio } from '../../requests/frame-ratios'
import { plural } from '../../requests/models'

/**
 * Where the images will go: each selected frame with its ratio and how much FILL will crop, or with "Fit
 * exactly" how its image reaches the frame's ratio ("16:9 → 1.85:1, +4% width by expand").
 */
export function FrameRatioList({ rows, matching, fits }: { rows: readonly FrameRatio[]; matching: boolean; fits?: ReadonlyMap<string, ExactFit> }) {
  if (rows.length === 0) {
    return (
      <p class="hint-box" data-testid="generate-target-hint">
        Select frames to fill them, or generate into new frames. Nothing is selected, so each image gets a new
        frame beside your content.
      </p>
    )
  }
  return (
    <section class="targets" aria-label="Selected frames">
      <h2 class="section-title">
        Into {plural(rows.length, 'selected frame')}
        {matching ? (rows.length === 1 ? ', at its nearest ratio' : ', each at its nearest ratio') : ''}
      </h2>
      <ul class="list">
        {rows.map(({ node, ratio, crop }) => {
          const fit = fits?.get(node.id)
          return (
            <li key={node.id} class="list-row" data-testid="frame-ratio" data-node-id={node.id} data-ratio={fit?.ratio ?? ratio} data-fit={fit?.kind}>
              <span class="list-name" title={node.name}>
                {node.name}
              </span>
              <span class="list-meta">
                {' · '}
                {fit ? (
                  <span class={fit.kind === 'crop' ? 'text-warning' : undefined}>{exactFitText(fit, node)}</span>
                ) : (
                  <>
                    {ratio} · <span class={crop >= 0.15 ? 'text-warning' : undefined}>{cropText(crop)}</span>
                  </>
                )}
              </span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
