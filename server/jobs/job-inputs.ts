import type { CreateJobRequest, FieldIssue } from '../../shared/api/schemas'
import type { InputImage, TaskInput } from '../providers/provider'
import { checkInputImage } from './input-image'

/**
 * A job's input images. Each is checked from its bytes, kept in R2 as raw base64 at `inputs/<job id>/<slot>` from
 * creation until the job ends (so an interrupted submission can be sent again, and a provider that fetches inputs
 * by URL can be served them), and deleted when the job ends.
 *
 * A slot is the request field path of the image: `image`, `subject_images.2`, `scene_image`, `style_image`,
 * `images.0`. The job row keeps the list of slots (options.inputs).
 */

export type InputSlot = string

/** An input that passed the checks, before it is stored. */
export type CheckedInput = Omit<InputImage, 'key'> & { slot: InputSlot }

export const inputKey = (jobId: string, slot: InputSlot) => `inputs/${jobId}/${slot}`
/** Where a single input image was kept before inputs had slots; read so that jobs in flight survive the upgrade. */
const legacyInputKey = (jobId: string) => `inputs/${jobId}`

/** Every image of the request in slot order, checked; issues name the field path (e.g. `subject_images.2`). */
export function checkRequestInputs(req: CreateJobRequest): { inputs: CheckedInput[]; issues: FieldIssue[] } {
  const fields: [InputSlot, string][] = []
  if (req.image !== undefined) fields.push(['image', req.image])
  req.subject_images?.forEach((value, i) => fields.push([`subject_images.${i}`, value]))
  if (req.scene_image !== undefined) fields.push(['scene_image', req.scene_image])
  if (req.style_image !== undefined) fields.push(['style_image', req.style_image])
  req.images?.forEach((value, i) => fields.push([`images.${i}`, value]))
  const inputs: CheckedInput[] = []
  const issues: FieldIssue[] = []
  for (const [slot, value] of fields) {
    const checked = checkInputImage(slot, value)
    if ('issues' in checked) issues.push(...checked.issues)
    else {
      const { content_type, width, height } = checked.info
      inputs.push({ slot, base64: checked.base64, content_type: content_type as InputImage['content_type'], width, height })
    }
  }
  return { inputs, issues }
}

/** Stores the inputs in parallel; returns them as providers get them. */
export async function storeInputsAsync(bucket: R2Bucket, jobId: string, inputs: CheckedInput[]): Promise<InputImage[]> {
  return Promise.all(
    inputs.map(async ({ slot, ...image }) => {
      const key = inputKey(jobId, slot)
      await bucket.put(key, image.base64, {
        httpMetadata: { contentType: 'text/plain' },
        customMetadata: { content_type: image.content_type, width: String(image.width), height: String(image.height) },
      })
      return { ...image, key }
    }),
  )
}

/** The stored inputs by slot, or null when any of them is gone. */
export async function loadInputsAsync(bucket: R2Bucket, jobId: string, slots: InputSlot[]): Promise<Map<InputSlot, InputImage> | null> {
  const loaded = await Promise.all(
    slots.map(async (slot): Promise<[InputSlot, InputImage] | null> => {
      let key = inputKey(jobId, slot)
      let object = await bucket.get(key)
      if (!object && slot === 'image') object = await bucket.get((key = legacyInputKey(jobId)))
      if (!object) return null
      const base64 = await object.text()
      const meta = object.customMetadata ?? {}
      const head = atob(base64.slice(0, 64))
      const png = head.charCodeAt(0) === 0x89
      return [
        slot,
        {
          base64,
          key,
          content_type: meta.content_type === 'image/jpeg' || (!meta.content_type && !png) ? 'image/jpeg' : 'image/png',
          width: Number(meta.width ?? 0),
          height: Number(meta.height ?? 0),
        },
      ]
    }),
  )
  if (loaded.some((entry) => entry === null)) return null
  return new Map(loaded as [InputSlot, InputImage][])
}

/** Deletes a job's inputs (the job ended). Missing objects are fine. */
export async function deleteInputsAsync(bucket: R2Bucket, jobId: string, slots: InputSlot[]): Promise<void> {
  const keys = slots.map((slot) => inputKey(jobId, slot))
  if (slots.includes('image')) keys.push(legacyInputKey(jobId))
  if (keys.length) await bucket.delete(keys)
}

/** The images of a task, placed in TaskInput's fields by slot. */
export function taskImages(inputs: Map<InputSlot, InputImage>): Pick<TaskInput, 'image' | 'subject_images' | 'scene_image' | 'style_image' | 'images'> {
  const listed = (field: string) =>
    [...inputs.entries()]
      .filter(([slot]) => slot.startsWith(`${field}.`))
      .sort(([a], [b]) => Number(a.slice(field.length + 1)) - Number(b.slice(field.length + 1)))
      .map(([, image]) => image)
  const subjects = listed('subject_images')
  const images = listed('images')
  return {
    ...(inputs.has('image') ? { image: inputs.get('image') } : {}),
    ...(subjects.length ? { subject_images: subjects } : {}),
    ...(inputs.has('scene_image') ? { scene_image: inputs.get('scene_image') } : {}),
    ...(inputs.has('style_image') ? { style_image: inputs.get('style_image') } : {}),
    ...(images.length ? { images } : {}),
  }
}
