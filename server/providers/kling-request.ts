import type { Operation } from '../../shared/api/enums'
import type { InputImage, TaskInput } from './provider'

/** Kling's create path per operation (kling-upstream.md §2.1, 2.3, 2.4, 2.5); each has its own task family. */
const CREATE_PATHS: Record<Operation, string> = {
  generate: '/v1/images/generations',
  image_to_image: '/v1/images/generations',
  expand: '/v1/images/editing/expand',
  multi_reference: '/v1/images/multi-image2image',
  omni: '/v1/images/omni-image',
}

export function klingCreatePath(operation: Operation): string {
  return CREATE_PATHS[operation]
}

/** Kling's single-task query path; `id` is its task id or our external task id (the job id). */
export function klingTaskPath(operation: Operation, id: string): string {
  return `${klingCreatePath(operation)}/${encodeURIComponent(id)}`
}

/**
 * Maps a task to Kling's request body. Pure. Encodes the rules Kling enforces with a 1201: `model_name` always
 * present except on expand (an omitted one silently means kling-v1), no `negative_prompt` with a single image,
 * lower-case resolution, raw base64 without a `data:` prefix, no ratio or resolution for a restyle (the output keeps
 * the input's size), and nothing Kling does not know. The request was checked against the capability map before.
 */
export function klingCreateBody(input: TaskInput): Record<string, unknown> {
  const common = {
    external_task_id: input.jobId,
    ...(input.callbackUrl ? { callback_url: input.callbackUrl } : {}),
  }
  const shape = {
    ...(input.aspect_ratio ? { aspect_ratio: input.aspect_ratio } : {}),
    ...(input.resolution ? { resolution: input.resolution.toLowerCase() } : {}),
  }
  switch (input.operation) {
    case 'expand': {
      const e = input.expansion ?? { top: 0, bottom: 0, left: 0, right: 0 }
      return {
        image: imageData(input.image),
        up_expansion_ratio: e.top,
        down_expansion_ratio: e.bottom,
        left_expansion_ratio: e.left,
        right_expansion_ratio: e.right,
        ...(input.prompt ? { prompt: input.prompt } : {}),
        n: input.n,
        ...common,
      }
    }
    case 'multi_reference':
      return {
        model_name: input.model,
        ...(input.prompt ? { prompt: input.prompt } : {}),
        ...(input.negative_prompt ? { negative_prompt: input.negative_prompt } : {}),
        subject_image_list: (input.subject_images ?? []).map((image) => ({ subject_image: imageData(image) })),
        ...(input.scene_image ? { scene_image: imageData(input.scene_image) } : {}),
        ...(input.style_image ? { style_image: imageData(input.style_image) } : {}),
        n: input.n,
        ...(input.aspect_ratio ? { aspect_ratio: input.aspect_ratio } : {}),
        ...common,
      }
    case 'omni': {
      const series = input.result_type === 'series'
      return {
        model_name: input.model,
        prompt: input.prompt ?? '',
        ...(input.images?.length ? { image_list: input.images.map((image) => ({ image: imageData(image) })) } : {}),
        ...shape,
        // Kling ignores `n` for a series and `series_amount` for a single result; send only the one that counts.
        ...(series ? { result_type: 'series', series_amount: input.series_amount ?? input.n } : { n: input.n }),
        ...common,
      }
    }
    case 'generate':
      return {
        model_name: input.model,
        prompt: input.prompt ?? '',
        ...(input.negative_prompt ? { negative_prompt: input.negative_prompt } : {}),
        ...shape,
        n: input.n,
        ...common,
      }
    case 'image_to_image': {
      // kling-v1-5 refuses an image without a reference type; `subject` is the neutral choice.
      const reference = input.image_reference ?? (input.model === 'kling-v1-5' ? 'subject' : undefined)
      return {
        model_name: input.model,
        prompt: input.prompt ?? '',
        image: imageData(input.image),
        ...(reference ? { image_reference: reference } : {}),
        ...(input.image_fidelity !== undefined ? { image_fidelity: input.image_fidelity } : {}),
        ...(input.human_fidelity !== undefined ? { human_fidelity: input.human_fidelity } : {}),
        ...shape,
        n: input.n,
        ...common,
      }
    }
  }
}

function imageData(image: InputImage | undefined): string {
  return rawBase64(image?.base64 ?? '')
}

/** Kling wants bare base64: `data:image/png;base64,` in front is a 1201. */
export function rawBase64(image: string): string {
  return image.replace(/^data:[^,]*,/, '')
}
