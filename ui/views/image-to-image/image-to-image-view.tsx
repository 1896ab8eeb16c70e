import { useState } from 'preact/hooks'
import { LIMITS } from '../../../shared/api/limits'
import { useApp } from '../../app-context'
import { ActionBar, MOD_ENTER } from '../../components/action-bar'
import { ConnectionNotice } from '../../components/connection-notice'
import { EmptyState } from '../../components/empty-state'
import { Field } from '../../components/field'
import { ModelFields } from '../../components/model-fields'
import { PromptField } from '../../components/prompt-field'
import { onModEnter } from '../../components/shortcut'
import { Segmented } from '../../components/segmented'
import { Select } from '../../components/select'
import { StartedNotice } from '../../components/started-notice'
import { useNodeExport } from '../../hooks/use-node-export'
import { bytesToBase64 } from '../../images/base64'
import { promptIssue } from '../../requests/generate'
import { planImageToImage, type ImageToImageForm } from '../../requests/image-to-image'
import { modelsFor, pickModel, plural, supports } from '../../requests/models'
import { ReferenceCard } from './reference-card'

interface ImageToImageViewProps {
  form: ImageToImageForm
  setForm: (update: (form: ImageToImageForm) => ImageToImageForm) => void
}

/** The selected layer as a reference: new images after the prompt, placed beside it. */
export function ImageToImageView({ form, setForm }: ImageToImageViewProps) {
  const { capabilities, selection, runner, bridge } = useApp()
  const [started, setStarted] = useState(false)
  const caps = capabilities.caps
  const models = modelsFor(caps, 'image_to_image')
  const model = pickModel(caps, 'image_to_image', form.model)
  const reference = selection?.reference ?? null
  const exported = useNodeExport(bridge, reference?.id ?? null, reference ? `${reference.width}x${reference.height}` : '')
  const maxChars = caps?.limits.prompt_max_chars ?? LIMITS.prompt_max_chars
  const issue = !reference ? 'Select a reference first.' : promptIssue(form.prompt, maxChars)
  const ready = Boolean(model && reference && exported.status === 'ready' && !issue)
  const nMax = model?.n.max ?? LIMITS.n_max

  const set = <K extends keyof ImageToImageForm>(key: K, value: ImageToImageForm[K]) => {
    setStarted(false)
    setForm((f) => ({ ...f, [key]: value }))
  }
  const generate = () => {
    if (!ready || !model || !reference || exported.status !== 'ready') return
    runner.submit(planImageToImage(form, reference, bytesToBase64(exported.result.bytes), model))
    setStarted(true)
  }

  return (
    <div class="view" onKeyDown={onModEnter(generate)}>
      <div class="view-body">
        <ConnectionNotice />
        {reference ? (
          <ReferenceCard node={reference} exported={exported} />
        ) : (
          <EmptyState title="No reference selected" testId="reference-empty">
            Select an image, or a frame with an image in it, to use it as the reference. Results appear beside it.
          </EmptyState>
        )}
        <PromptField
          label="Prompt"
          value={form.prompt}
          max={maxChars}
          placeholder="The same chair in brushed steel, studio light"
          onInput={(v) => set('prompt', v)}
        />
        {(!model || supports(model, 'image_reference')) && (
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
        {model && supports(model, 'image_fidelity') && (
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
        <ModelFields
          models={models}
          model={model}
          resolution={form.resolution}
          onModel={(id) => set('model', id)}
          onResolution={(r) => set('resolution', r)}
        />
        <Field
          label="Number of images"
          control={(id) => (
            <Select
              id={id}
              value={String(Math.min(form.n, nMax))}
              options={Array.from({ length: nMax }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
              onChange={(v) => set('n', Number(v))}
            />
          )}
        />
      </div>
      <ActionBar
        summary={
          started ? (
            <StartedNotice message="Started." />
          ) : caps && !model ? (
            'No model on this backend does image to image.'
          ) : (
            (issue ?? `${plural(form.n, 'image')} beside ${reference?.name}`)
          )
        }
      >
        <button type="button" class="btn btn-primary" onClick={() => generate()} disabled={!ready} title={`Generate (${MOD_ENTER})`}>
          Generate
        </button>
      </ActionBar>
    </div>
  )
}
