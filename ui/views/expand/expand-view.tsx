import { useState } from 'preact/hooks'
import { LIMITS } from '../../../shared/api/limits'
import { describeError, type ErrorText } from '../../api/describe-error'
import { useApp } from '../../app-context'
import { ActionBar, MOD_ENTER } from '../../components/action-bar'
import { ConnectionNotice } from '../../components/connection-notice'
import { EmptyState } from '../../components/empty-state'
import { Notice } from '../../components/notice'
import { PromptField } from '../../components/prompt-field'
import { onModEnter } from '../../components/shortcut'
import { StartedNotice } from '../../components/started-notice'
import { percent } from '../../format'
import { bytesToBase64 } from '../../images/base64'
import { planExpand, size, summarizeExpand } from '../../requests/expand'
import { pickModel } from '../../requests/models'
import { ExpandDiagram } from './expand-diagram'
import { exportNodeImage } from '../../images/export-node-image'

/** Grows the selected image until it covers its frame, in one or several Kling passes. */
export function ExpandView({ prompt, setPrompt }: { prompt: string; setPrompt: (prompt: string) => void }) {
  const { selection, capabilities, runner, bridge } = useApp()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ErrorText | null>(null)
  const [started, setStarted] = useState(false)
  const caps = capabilities.caps
  const model = pickModel(caps, 'expand', '')
  const target = selection?.expand ?? null
  const summary = target ? summarizeExpand(target) : null
  const maxChars = caps?.limits.prompt_max_chars ?? LIMITS.prompt_max_chars
  const ready = Boolean(target && summary?.plan.ok && model && !busy && prompt.length <= maxChars)

  const expand = async () => {
    if (!ready || !target || !summary) return
    setBusy(true)
    setError(null)
    try {
      const image = await exportNodeImage(bridge, target.sourceId, 'png')
      const spec = planExpand(target, summary, bytesToBase64(image.bytes), prompt, model?.id ?? null)
      if (spec) runner.submit(spec)
      setStarted(true)
    } catch (e) {
      setError(describeError(e, 'export_failed'))
    } finally {
      setBusy(false)
    }
  }

  if (!target || !summary) {
    return (
      <div class="view">
        <div class="view-body">
          <ConnectionNotice />
          <EmptyState title="Nothing to expand" testId="expand-empty">
            Select an image inside a larger frame, or a frame that shows its image with Fit. Expand paints the
            missing area so the image covers the whole frame.
          </EmptyState>
        </div>
      </div>
    )
  }

  return (
    <div class="view" onKeyDown={onModEnter(() => void expand())}>
      <div class="view-body">
        <ConnectionNotice />
        <ExpandDiagram target={target} />
        <ul class="sides" aria-label="Expansion per side">
          {summary.sides.map((s) => (
            <li key={s.side} class="side" data-testid="expand-side" data-side={s.side}>
              <span class="side-name">{s.side}</span>
              <span class="side-value">
                {percent(s.fraction)} · {s.px} px
              </span>
            </li>
          ))}
        </ul>
        {summary.plan.ok ? (
          <p class="plan" data-testid="expand-plan">
            Result {size(summary.plan.output)} px
            {summary.passes ? <span class="plan-passes">{summary.passes}. Each pass feeds the previous result back to Kling.</span> : ' in one pass.'}
          </p>
        ) : (
          <Notice tone="error" title="Can't expand this" testId="expand-plan">
            {summary.plan.reason}
          </Notice>
        )}
        <PromptField
          label="Prompt"
          value={prompt}
          max={maxChars}
          rows={3}
          placeholder="Optional: what the new area should show"
          onInput={setPrompt}
        />
        {error && (
          <Notice tone="error" title={error.title}>
            {error.detail}
          </Notice>
        )}
      </div>
      <ActionBar
        summary={
          busy ? (
            'Exporting the image…'
          ) : started ? (
            <StartedNotice message="Started." />
          ) : caps && !model ? (
            'No model on this backend can expand images.'
          ) : (
            `${size(target.image)} → ${summary.plan.ok ? size(summary.plan.output) : '?'}`
          )
        }
      >
        <button type="button" class="btn btn-primary" onClick={() => void expand()} disabled={!ready} title={`Expand (${MOD_ENTER})`}>
          Expand
        </button>
      </ActionBar>
    </div>
  )
}
