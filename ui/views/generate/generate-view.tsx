import { useState } from 'preact/hooks'
import { ASPECT_RATIOS } from '../../../shared/api/enums'
import { LIMITS } from '../../../shared/api/limits'
import { useApp } from '../../app-context'
import { ActionBar, MOD_ENTER } from '../../components/action-bar'
import { ConnectionNotice } from '../../components/connection-notice'
import { Field } from '../../components/field'
import { ModelFields } from '../../components/model-fields'
import { PromptField } from '../../components/prompt-field'
import { onModEnter } from '../../components/shortcut'
import { Select } from '../../components/select'
import { StartedNotice } from '../../components/started-notice'
import { fillableNodes, frameRatios, type RatioChoice } from '../../requests/frame-ratios'
import { planGenerate, promptIssue, type GenerateForm } from '../../requests/generate'
import { modelsFor, pickModel, plural, supports } from '../../requests/models'
import { FitExactly } from '../../components/fit-exactly'
import { canFitExactly, exactFits, expandedFrames } from '../../requests/exact-fit'
import { FrameRatioList } from './frame-ratio-list'

interface GenerateViewProps {
  form: GenerateForm
  setForm: (update: (form: GenerateForm) => GenerateForm) => void
}

/** Prompt → images, into the selected frames (each at its nearest ratio) or into new frames. */
export function GenerateView({ form, setForm }: GenerateViewProps) {
  const { capabilities, selection, runner, api, settings } = useApp()
  const [started, setStarted] = useState<string | null>(null)
  const caps = capabilities.caps
  const models = modelsFor(caps, 'generate')
  const model = pickModel(caps, 'generate', form.model)
  const ratios = model?.aspect_ratios ?? ASPECT_RATIOS
  const frames = fillableNodes(selection)
  const rows = frameRatios(frames, form.aspect, ratios)
  const maxChars = caps?.limits.prompt_max_chars ?? LIMITS.prompt_max_chars
  const issue = promptIssue(form.prompt, maxChars)
  const exactFit = !!settings?.exactFit && canFitExactly(caps) && form.aspect === 'match'
  const fits = exactFit && model ? exactFits(frames, model, form.resolution) : undefined
  const extra = fits ? expandedFrames(fits) : 0
  const specs = model && !issue ? planGenerate(form, frames, model, { exactFit }) : []
  const images = specs.reduce((sum, s) => sum + (s.request?.n ?? 0), 0)
  const nMax = model?.n.max ?? LIMITS.n_max
  const negativeSupported = !model || supports(model, 'negative_prompt')

  const set = <K extends keyof GenerateForm>(key: K, value: GenerateForm[K]) => {
    setStarted(null)
    setForm((f) => ({ ...f, [key]: value }))
  }
  const generate = () => {
    if (specs.length === 0) return
    specs.forEach((spec) => runner.submit(spec))
    setStarted(`Started ${plural(specs.length, 'job')}.`)
  }

  const summary = started ? (
    <StartedNotice message={started} />
  ) : !api ? (
    'Connect a backend in Settings first.'
  ) : !model ? (
    'Waiting for the backend…'
  ) : issue ? (
    issue
  ) : frames.length ? (
    `${plural(images, 'image')} into ${plural(frames.length, 'frame')} · ${plural(specs.length, 'job')}` +
    (extra ? ` · +${plural(extra, 'image')} to fit exactly` : '')
  ) : (
    `${plural(images, 'new frame')} at ${specs[0]?.request?.aspect_ratio}`
  )

  return (
    <div class="view" onKeyDown={onModEnter(generate)}>
      <div class="view-body">
        <ConnectionNotice />
        <PromptField
          label="Prompt"
          autoFocus
          value={form.prompt}
          max={maxChars}
          placeholder="A sunlit reading nook with plants, editorial photo"
          onInput={(v) => set('prompt', v)}
        />
        {negativeSupported && (
          <PromptField
            label="Negative prompt"
            value={form.negativePrompt}
            max={maxChars}
            rows={2}
            placeholder="What to leave out"
            onInput={(v) => set('negativePrompt', v)}
          />
        )}
        <ModelFields
          models={models}
          model={model}
          resolution={form.resolution}
          onModel={(id) => set('model', id)}
          onResolution={(r) => set('resolution', r)}
        />
        <div class="row">
          <Field
            label="Aspect ratio"
            control={(id) => (
              <Select<RatioChoice>
                id={id}
                value={form.aspect}
                options={[{ value: 'match', label: 'Match selection' }, ...ratios.map((r) => ({ value: r, label: r }))]}
                onChange={(v) => set('aspect', v)}
              />
            )}
          />
          <Field
            label="Number of images"
            hint={frames.length ? 'One per frame' : undefined}
            control={(id, describedBy) => (
              <Select
                id={id}
                describedBy={describedBy}
                value={frames.length ? 'frames' : String(Math.min(form.n, nMax))}
                disabled={frames.length > 0}
                options={
                  frames.length
                    ? [{ value: 'frames', label: String(frames.length) }]
                    : Array.from({ length: nMax }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))
                }
                onChange={(v) => set('n', Number(v))}
              />
            )}
          />
        </div>
        {frames.length > 0 && form.aspect === 'match' && <FitExactly extra={extra} />}
        <FrameRatioList rows={rows} matching={form.aspect === 'match'} fits={fits} />
      </div>
      <ActionBar summary={summary}>
        <button type="button" class="btn btn-primary" onClick={() => generate()} disabled={specs.length === 0} title={`Generate (${MOD_ENTER})`}>
          Generate
        </button>
      </ActionBar>
    </div>
  )
}
