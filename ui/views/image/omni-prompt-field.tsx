import { useRef } from 'preact/hooks'
import { Field } from '../../components/field'
import { chipToken, insertAtCursor, unknownTokens, type PromptChip } from '../../requests/omni-prompt'

interface OmniPromptFieldProps {
  value: string
  onInput: (value: string) => void
  max: number
  chips: readonly PromptChip[]
  /** Characters Kling receives (chips become `<<<image_N>>>`), for the counter. */
  wireLength: number
}

/**
 * The Omni prompt: one chip per reference, labelled with its layer name. Clicking a chip writes `[Layer name]`
 * at the cursor (or over the selected text) and puts the cursor after it, so a sentence can be written around
 * the references.
 */
export function OmniPromptField({ value, onInput, max, chips, wireLength }: OmniPromptFieldProps) {
  const area = useRef<HTMLTextAreaElement>(null)
  // Where the cursor was when the textarea last had focus: clicking a chip moves focus away from it.
  const caret = useRef<{ start: number; end: number } | null>(null)
  const remember = () => {
    const el = area.current
    if (el) caret.current = { start: el.selectionStart, end: el.selectionEnd }
  }
  const insert = (chip: PromptChip) => {
    const at = caret.current ?? { start: value.length, end: value.length }
    const next = insertAtCursor(value, at.start, at.end, chipToken(chip))
    onInput(next.text)
    caret.current = { start: next.caret, end: next.caret }
    requestAnimationFrame(() => {
      const el = area.current
      if (!el) return
      el.focus()
      el.setSelectionRange(next.caret, next.caret)
    })
  }
  const over = wireLength > max
  const unknown = unknownTokens(value, chips)
  return (
    <Field
      label="Prompt"
      aside={
        <span class={over ? 'counter counter-over' : 'counter'} aria-hidden="true">
          {wireLength} / {max}
        </span>
      }
      hint={
        over ? (
          `${wireLength - max} characters over the limit`
        ) : unknown.length ? (
          <span class="text-warning" data-testid="unknown-references">
            {unknown.join(', ')} {unknown.length === 1 ? 'is' : 'are'} not among the selected images and will be sent as text.
          </span>
        ) : (
          'Click an image to refer to it at the cursor.'
        )
      }
      control={(id, describedBy) => (
        <div class="omni-prompt">
          <div class="chips" role="group" aria-label="Insert a reference">
            {chips.map((chip) => (
              <button
                key={chip.nodeId}
                type="button"
                class="chip"
                data-testid="prompt-chip"
                title={`Insert ${chipToken(chip)} at the cursor`}
                aria-label={`Insert ${chip.label}`}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => insert(chip)}
              >
                <span class="chip-number" aria-hidden="true">
                  {chip.number}
                </span>
                <span class="chip-label">{chip.label}</span>
              </button>
            ))}
          </div>
          <textarea
            id={id}
            ref={area}
            class="textarea"
            rows={4}
            value={value}
            placeholder={chips.length > 1 ? `Put ${chipToken(chips[0])} into ${chipToken(chips[1])}, golden hour` : `${chipToken(chips[0] ?? { label: 'Image' })} on a marble table, soft light`}
            aria-invalid={over || undefined}
            aria-describedby={describedBy}
            onInput={(e) => {
              onInput(e.currentTarget.value)
              remember()
            }}
            onSelect={remember}
            onKeyUp={remember}
            onClick={remember}
            onBlur={remember}
          />
        </div>
      )}
    />
  )
}
