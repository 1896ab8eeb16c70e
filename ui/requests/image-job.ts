/**
 * The Image view's one decision, pure: given the references, the chosen model/operation and the form, what
 * stands in the way of sending (in words), and the job to send.
 */
import type { NodeSummary } from '../../shared/protocol/messages'
import type { JobSpec } from '../jobs/job-spec'
import { promptIssue } from './generate'
import type { ImageChoice } from './image-choices'
import type { ImageForm } from './image-form'
import { planImageToImage } from './image-to-image'
import { plural } from './models'
import { planMultiReference } from './multi-reference'
import { planOmni, wantsSeries } from './omni'
import { danglingIssue, promptChips, toWirePrompt } from './omni-prompt'
import { rolesIssue, splitByRole } from './reference-roles'

/** Why the form cannot be sent yet (the first reason), or null. `uploads` holds the base64 of each ready export. */
export function imageJobIssue(
  form: ImageForm,
  references: readonly NodeSummary[],
  choice: ImageChoice,
  maxChars: number,
): string | null {
  switch (choice.operation) {
    case 'image_to_image':
      return promptIssue(form.prompt, maxChars)
    case 'multi_reference': {
      if (form.prompt.length > maxChars) return promptIssue(form.prompt, maxChars)
      return rolesIssue(splitByRole(references, form.roles), choice.rules.images.max)
    }
    case 'omni': {
      const wire = toWirePrompt(form.prompt, promptChips(references))
      return promptIssue(wire, maxChars) ?? danglingIssue(wire, references.length)
    }
  }
}

/** The job for the form. Throws when `imageJobIssue` has a reason, or an upload is missing. */
export function planImageJob(
  form: ImageForm,
  references: readonly NodeSummary[],
  uploads: ReadonlyMap<string, string>,
  choice: ImageChoice,
): JobSpec {
  switch (choice.operation) {
    case 'image_to_image': {
      const source = references[0]
      const image = source && uploads.get(source.id)
      if (!image) throw new Error('The reference is not ready to upload yet.')
      return planImageToImage(form, source, image, choice.model)
    }
    case 'multi_reference':
      return planMultiReference(form, references, uploads, choice.model, choice.rules)
    case 'omni':
      return planOmni(form, references, uploads, choice.model, choice.rules)
  }
}

/** What pressing Generate will do, in a few words, e.g. "Series of 3 frames beside 2 references". */
export function imageJobSummary(form: ImageForm, references: readonly NodeSummary[], choice: ImageChoice): string {
  const first = references[0]
  const clampN = (range: { min: number; max: number }, n: number) => Math.min(range.max, Math.max(range.min, n))
  const n = clampN(choice.rules.n, form.n)
  switch (choice.operation) {
    case 'image_to_image':
      return choice.restyle
        ? `${plural(n, 'restyled image')} at ${Math.round(first.width)}×${Math.round(first.height)}, beside ${first.name}`
        : `${plural(n, 'image')} beside ${first.name}`
    case 'multi_reference': {
      const split = splitByRole(references, form.roles)
      const parts = [plural(split.subjects.length, 'subject')]
      if (split.scene) parts.push('a scene')
      if (split.style) parts.push('a style')
      return `${plural(n, 'image')} from ${parts.join(', ')}`
    }
    case 'omni': {
      const series = wantsSeries(form, choice.rules) && choice.rules.series
      const what = series ? `Series of ${clampN(series, form.seriesAmount)} frames` : plural(n, 'image')
      return `${what} from ${plural(references.length, 'reference')}`
    }
  }
}
