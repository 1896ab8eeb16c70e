import { exactFitText, type ExactFit } from '../../../shared/geometry/exact-fit'
import { StateBadge } from '../../components/state-badge'
import { cropText } from '../../requests/frame-ratios'
import type { PlaceholderRow } from '../../requests/fill'
import { frameState } from '../../jobs/progress'
import type { JobEntry } from '../../jobs/runner'

/** Each placeholder with the prompt it will use, its ratio (or exact fit), and the state of its job. */
export function PlaceholderList({
  rows,
  progress,
  fits,
}: {
  rows: readonly PlaceholderRow[]
  progress: Map<string, JobEntry>
  fits?: ReadonlyMap<string, ExactFit>
}) {
  return (
    <ul class="list list-cards" aria-label="Placeholders">
      {rows.map((row) => {
        const job = progress.get(row.node.id)
        const state = job ? frameState(job, row.node.id) : null
        const fit = fits?.get(row.node.id)
        return (
          <li
            key={row.node.id}
            class="ph"
            data-testid="placeholder-row"
            data-node-id={row.node.id}
            data-ratio={fit?.ratio ?? row.ratio}
            data-fit={fit?.kind}
            data-state={state ?? 'idle'}
            data-prompt={row.prompt}
          >
            <div class="ph-main">
              <p class="ph-name" title={row.node.name}>
                {row.node.name}
              </p>
              {row.prompt ? (
                // The layer name alone is already on the line above.
                row.prompt !== row.node.name.trim() && (
                  <p class={row.fromName ? 'ph-prompt' : 'ph-prompt ph-prompt-shared'} title={row.prompt}>
                    {row.prompt}
                  </p>
                )
              ) : (
                <p class="ph-prompt text-warning">Needs a prompt: rename the layer or write a shared prompt.</p>
              )}
            </div>
            <div class="ph-side">
              {state ? <StateBadge state={state} /> : null}
              <span class="ph-ratio">{fit ? exactFitText(fit, row.node) : `${row.ratio} · ${cropText(row.crop)}`}</span>
            </div>
          </li>
        )
      })}
    </ul>
  )
}
