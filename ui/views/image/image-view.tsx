import { useState } from 'preact/hooks'
import type { Resolution } from '../../../shared/api/enums'
import { LIMITS } from '../../../shared/api/limits'
import { MAX_REFERENCES } from '../../../shared/protocol/messages'
import { useApp } from '../../app-context'
import { ActionBar, MOD_ENTER } from '../../components/action-bar'
import { ConnectionNotice } from '../../components/connection-notice'
import { EmptyState } from '../../components/empty-state'
import { Field } from '../../components/field'
import { PromptField } from '../../components/prompt-field'
import { Segmented } from '../../components/segmented'
import { Select } from '../../components/select'
import { onModEnter } from '../../components/shortcut'
import { StartedNotice } from '../../components/started-notice'
import { useNodeExports } from '../../hooks/use-node-exports'
import { bytesToBase64 } from '../../images/base64'
import { choiceLabel, imageChoices, pickChoice } from '../../requests/image-choices'
import type { ImageForm, ImageRatioChoice } from '../../requests/image-form'
import { imageJobIssue, imageJobSummary, planImageJob } from '../../requests/image-job'
import { customRatios, offersAuto } from '../../requests/image-ratio'
import { wantsSeries } from '../../requests/omni'
import { promptChips, toWirePrompt } from '../../requests/omni-prompt'
import { assignRole, type ReferenceRole } from '../../requests/reference-roles'
import { OmniPromptField } from './omni-prompt-field'
import { ReferenceList } from './reference-list'

interface ImageViewProps {
  form: ImageForm
  setForm: (update: (form: ImageForm) => ImageForm) => void
}

const RESOLUTION_LABEL: Record<Resolution, string> = { '1k': '1K', '2k': '2K', '4k': '4K' }

/**
 * One to four selected layers as references. One: image to image (or Restyle, at the layer's own size); two to
 * four: multi-image reference, each marked Subject, Scene or Style; any of them: Omni, with the layers named in
 * the prompt. What is offered, and which controls show, comes from the backend's capabilities.
 */
export function ImageView({ form, setForm }: ImageViewProps) {
  const { capabilities, selection, runner, bridge, api } = useApp()
  const [started, setStarted] = useState(false)
  const caps = capabilities.caps
  const references = selection?.references ?? []
  const tooMany = (selection?.nodes.length ?? 0) > MAX_REFERENCES
  const choices = imageChoices(caps, references.length)
  const choice = pickChoice(caps, choices, form.choice)
  const exports = useNodeExports(bridge, references)
  const maxChars = caps?.limits.prompt_max_chars ?? LIMITS.prompt_max_chars

  const operation = choice?.operation ?? null
  const rules = choice?.rules ?? null
  const chips = operation === 'omni' ? promptChips(references) : []
  const exportList = references.map((r) => exports.get(r.id))
  const exportFailed = exportList.find((e) => e?.status === 'error')
  const exportsReady = references.length > 0 && exportList.every((e) => e?.status === 'ready')
  const issue = !api
    ? 'Connect a backend in Settings first.'
    : references.length === 0
      ? `Select 1 to ${MAX_REFERENCES} images or frames.`
      : !choice
        ? caps
          ? `No model on this backend takes ${references.length} images.`
          : 'Waiting for the backend…'
        : (imageJobIssue(form, references, choice, maxChars) ??
          (exportFailed?.status === 'error' ? exportFailed.error.title : !exportsReady ? 'Preparing the upload…' : null))

  const set = <K extends keyof ImageForm>(key: K, value: ImageForm[K]) => {
    setStarted(false)
    setForm((f) => ({ ...f, [key]: value }))
  }
  const generate = () => {
    if (issue || !choice) return
    const uploads = new Map<string, string>()
    for (const r of references) {
      const e = exports.get(r.id)
      if (e?.status === 'ready') uploads.set(r.id, bytesToBase64(e.result.bytes))
    }
    runner.submit(planImageJob(form, references, uploads, choice))
    setStarted(true)
  }

  const rolesOffered: ReferenceRole[] = ['subject']
  if (rules?.parameters.includes('scene_image')) rolesOffered.push('scene')
  if (rules?.parameters.includes('style_image')) rolesOffered.push('style')
  const ratios = rules && operation !== 'image_to_image' ? customRatios(rules) : []
  const resolutions = rules && !choice?.restyle ? rules.resolutions : []
  const series = rules && operation === 'omni' ? rules.series : null
  const seriesOn = rules !== null && operation === 'omni' && wantsSeries(form, rules)
  const nRange = rules?.n ?? { min: 1, max: LIMITS.n_max }

  return (
    <div class="view" onKeyDown={onModEnter(generate)}>
      <div class="view-body">
        <ConnectionNotice />
        {references.length === 0 ? (
          <EmptyState title="No reference selected" testId="reference-empty">
            Select an image or a frame to redraw or restyle it, or up to {MAX_REFERENCES} to combine them: products,
            a scene, a style. Results appear beside them.
          </EmptyState>
        ) : (
          <ReferenceList
            nodes={references}
            exports={exports}
            numbered={operation === 'omni'}
            roles={
              operation === 'multi_reference'
                ? { map: form.roles, offered: rolesOffered, onChange: (id, role) => set('roles', assignRole(form.roles, id, role)) }
                : undefined
            }
          />
        )}
        {tooMany && (
          <p class="hint-box" data-testid="too-many-references">
            Only the first {MAX_REFERENCES} selected layers are used.
          </p>
        )}
        {choices.length > 0 && choice && (
          <Field
            label="Model"
            hint={<span data-testid="model-description">{choice.model.description}</span>}
            control={(id, describedBy) => (
              <Select
                id={id}
                describedBy={describedBy}
                value={choice.key}
                options={choices.map((c) => ({ value: c.key, label: choiceLabel(c) }))}
                onChange={(v) => set('choice', v)}
              />
            )}
          />
        )}
        {operation === 'omni' ? (
          <OmniPromptField
            value={form.prompt}
            max={maxChars}
            chips={chips}
            wireLength={toWirePrompt(form.prompt, chips).length}
            onInput={(v) => set('prompt', v)}
          />
        ) : (
          <PromptField
            label="Prompt"
            value={form.prompt}
            max={maxChars}
            placeholder={
              choice?.restyle
                ? 'Watercolour illustration, loose brush strokes'
                : operation === 'multi_reference'
                  ? 'The products together on the scene, soft daylight (optional)'
                  : 'The same chair in brushed steel, studio light'
            }
            onInput={(v) => set('prompt', v)}
          />
        )}
        {operation === 'multi_reference' && rules?.parameters.includes('negative_prompt') && (
          <PromptField
            label="Negative prompt"
            value={form.negativePrompt}
            max={maxChars}
            rows={2}
            placeholder="What to leave out"
            onInput={(v) => set('negativePrompt', v)}
          />
        )}
        {operation === 'image_to_image' && rules?.parameters.includes('image_reference') && (
          <Segmented
            label="Reference type"
            name="reference-type"
            value={form.reference}
            options={[
              { value: 'subject', label: 'Subject' },
              { value: 'face', label: 'Face' },
            ]}
            onChange={(v) => set('reference', v)}
          />
        )}
        {operation === 'image_to_image' && rules?.parameters.includes('image_fidelity') && (
          <Field
            label="Fidelity"
            aside={<span class="counter">{Math.round(form.fidelity * 100)}%</span>}
            hint="How closely the result keeps to the reference."
            control={(id, describedBy) => (
              <input
                id={id}
                type="range"
                class="range"
                style={{ '--fill': `${form.fidelity * 100}%` }}
                min={0}
                max={1}
                step={0.05}
                value={form.fidelity}
                aria-describedby={describedBy}
                aria-valuetext={`${Math.round(form.fidelity * 100)}%`}
                onInput={(e) => set('fidelity', Number(e.currentTarget.value))}
              />
            )}
          />
        )}
        {(ratios.length > 0 || resolutions.length > 0) && (
          <div class="row">
            {ratios.length > 0 && rules && (
              <Field
                label="Aspect ratio"
                control={(id) => (
                  <Select<ImageRatioChoice>
                    id={id}
                    value={form.aspect === 'match' || ratios.includes(form.aspect as never) ? form.aspect : 'match'}
                    options={[
                      { value: 'match', label: offersAuto(rules) ? 'Auto' : 'Match selection' },
                      ...ratios.map((r) => ({ value: r, label: r })),
                    ]}
                    onChange={(v) => set('aspect', v)}
                  />
                )}
              />
            )}
            {resolutions.length > 0 && (
              <Field
                label="Resolution"
                control={(id) => (
                  <Select<Resolution>
                    id={id}
                    value={resolutions.includes(form.resolution) ? form.resolution : resolutions[0]}
                    options={resolutions.map((r) => ({ value: r, label: RESOLUTION_LABEL[r] }))}
                    onChange={(v) => set('resolution', v)}
                  />
                )}
              />
            )}
          </div>
        )}
        {series && (
          <Segmented
            label="Result"
            name="result-type"
            value={form.series ? 'series' : 'single'}
            options={[
              { value: 'single', label: 'Variants' },
              { value: 'series', label: 'Series' },
            ]}
            onChange={(v) => set('series', v === 'series')}
          />
        )}
        {seriesOn && series ? (
          <Field
            label="Frames in the series"
            hint="Related images in order, landing as a numbered row."
            control={(id, describedBy) => (
              <Select
                id={id}
                describedBy={describedBy}
                value={String(Math.min(series.max, Math.max(series.min, form.seriesAmount)))}
                options={range(series.min, series.max).map((v) => ({ value: String(v), label: String(v) }))}
                onChange={(v) => set('seriesAmount', Number(v))}
              />
            )}
          />
        ) : (
          choice &&
          nRange.max > nRange.min && (
            <Field
              label="Number of images"
              control={(id) => (
                <Select
                  id={id}
                  value={String(Math.min(nRange.max, Math.max(nRange.min, form.n)))}
                  options={range(nRange.min, nRange.max).map((v) => ({ value: String(v), label: String(v) }))}
                  onChange={(v) => set('n', Number(v))}
                />
              )}
            />
          )
        )}
      </div>
      <ActionBar
        summary={
          started ? (
            <StartedNotice message="Started." />
          ) : (
            (issue ?? (choice ? imageJobSummary(form, references, choice) : ''))
          )
        }
      >
        <button type="button" class="btn btn-primary" onClick={() => generate()} disabled={issue !== null} title={`Generate (${MOD_ENTER})`}>
          Generate
        </button>
      </ActionBar>
    </div>
  )
}

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i)
}
