import { useEffect, useState } from 'preact/hooks'
import { ASPECT_RATIOS } from '../../../shared/api/enums'
import { LIMITS } from '../../../shared/api/limits'
import { useApp } from '../../app-context'
import { ActionBar } from '../../components/action-bar'
import { ConnectionNotice } from '../../components/connection-notice'
import { EmptyState } from '../../components/empty-state'
import { Field } from '../../components/field'
import { PromptField } from '../../components/prompt-field'
import { onModEnter } from '../../components/shortcut'
import { isActive } from '../../jobs/job-state'
import { latestJobByNode } from '../../jobs/progress'
import { placeholderRows, planFill } from '../../requests/fill'
import type { GenerateForm } from '../../requests/generate'
import { orFirst, pickModel, plural } from '../../requests/models'
import { FitExactly } from '../../components/fit-exactly'
import { canFitExactly, exactFits, expandedFrames } from '../../requests/exact-fit'
import { PlaceholderList } from './placeholder-list'

interface FillViewProps {
  prompt: string
  setPrompt: (prompt: string) => void
  /** Model and resolution come from the Generate tab. */
  generate: GenerateForm
}

/** Fills every selected placeholder: its layer name (or the shared prompt) plus the style suffix. */
export function FillView({ prompt, setPrompt, generate }: FillViewProps) {
  const { selection, capabilities, runner, settings, saveSettings, jobs, navigate } = useApp()
  const [suffix, setSuffix] = useState(settings?.styleSuffix ?? '')
  useEffect(() => setSuffix(settings?.styleSuffix ?? ''), [settings?.styleSuffix])
  const caps = capabilities.caps
  const model = pickModel(caps, 'generate', generate.model)
  const rows = placeholderRows(selection?.placeholders ?? [], prompt, suffix, model?.aspect_ratios ?? ASPECT_RATIOS)
  const missing = rows.filter((r) => !r.prompt).length
  const progress = latestJobByNode(jobs)
  // A placeholder whose job is still running is not submitted twice.
  const busy = rows.filter((r) => isActive(progress.get(r.node.id)?.state ?? 'done')).length
  const idle = rows.filter((r) => !isActive(progress.get(r.node.id)?.state ?? 'done'))
  const exactFit = !!settings?.exactFit && canFitExactly(caps)
  const fits = exactFit && model ? exactFits(rows.map((r) => r.node), model, generate.resolution) : undefined
  const extra = fits ? expandedFrames(new Map(idle.filter((r) => r.prompt).map((r) => [r.node.id, fits.get(r.node.id)!]))) : 0
  const specs = model ? planFill(idle, model, generate.resolution, { exactFit }) : []
  const filled = [...new Set(progress.values())].filter((j) => j.state === 'done')
  const maxChars = caps?.limits.prompt_max_chars ?? LIMITS.prompt_max_chars

  const saveSuffix = () => {
    if (settings && suffix.trim() !== settings.styleSuffix) void saveSettings({ ...settings, styleSuffix: suffix.trim() })
  }
  const fill = () => {
    saveSuffix()
    specs.forEach((spec) => runner.submit(spec))
  }

  const summary = !model
    ? 'Waiting for the backend…'
    : rows.length === 0
      ? 'Select placeholders first'
      : busy > 0 && specs.length === 0
        ? `Filling ${plural(busy, 'placeholder')}…`
        : `${plural(idle.length - missing, 'placeholder')} in ${plural(specs.length, 'job')}` +
          (missing ? ` · ${missing} need a prompt` : '') +
          (extra ? ` · +${plural(extra, 'image')} to fit exactly` : '') +
          ` · up to ${settings?.concurrency ?? 6} at once`

  return (
    <div class="view" onKeyDown={onModEnter(fill)}>
      <div class="view-body">
        <ConnectionNotice />
        <PromptField
          label="Shared prompt"
          value={prompt}
          max={maxChars}
          rows={2}
          placeholder="For placeholders named Frame 1, Rectangle 2…"
          hint="Layers with a descriptive name use their name instead."
          onInput={setPrompt}
        />
        <Field
          label="Style suffix"
          hint="Added to every placeholder's prompt. Kept for next time."
          control={(id, describedBy) => (
            <input
              id={id}
              class="input"
              value={suffix}
              placeholder="soft light, editorial photo"
              aria-describedby={describedBy}
              onInput={(e) => setSuffix(e.currentTarget.value)}
              onBlur={saveSuffix}
            />
          )}
        />
        {rows.length > 0 ? (
          <PlaceholderList rows={rows} progress={progress} fits={fits} />
        ) : (
          <EmptyState title={filled.length ? 'Placeholders filled' : 'No placeholders selected'} testId="fill-empty">
            {filled.length > 0 && (
              <>
                {plural(filled.reduce((n, j) => n + (j.result?.placedNodeIds.length ?? 0), 0), 'image')} placed this
                session.{' '}
              </>
            )}
            {filled.length ? 'To fill more, select' : 'Select'} empty frames or rectangles, or a frame or section
            that contains them. Name each after what it should show, e.g. "Hero: city at dusk".
          </EmptyState>
        )}
        {rows.length > 0 && <FitExactly extra={extra} />}
        {model && (
          <p class="fine-print">
            {model.label} · {orFirst(generate.resolution, model.resolutions).toUpperCase()} ·{' '}
            <button type="button" class="link" onClick={() => navigate(['generate'])}>
              change in Generate
            </button>
          </p>
        )}
      </div>
      <ActionBar summary={summary}>
        <button type="button" class="btn btn-primary" onClick={() => fill()} disabled={specs.length === 0}>
          Fill placeholders
        </button>
      </ActionBar>
    </div>
  )
}
