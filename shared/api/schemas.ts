/**
 * zod/mini schemas of the public HTTP API (../shared/api-contract.md). The Worker validates with them, the UI's
 * client parses responses with them, and /v1/openapi.json is generated from them.
 */
import * as z from 'zod/mini'
import {
  ASPECT_RATIOS,
  IMAGE_REFERENCES,
  JOB_ERROR_CODES,
  JOB_STATUSES,
  OPERATIONS,
  PROVIDERS,
  REQUEST_ASPECT_RATIOS,
  RESOLUTIONS,
  RESULT_TYPES,
} from './enums'
import { danglingReferences, imageReference } from './image-references'
import { LIMITS } from './limits'

const prompt = z.string().check(z.minLength(1), z.maxLength(LIMITS.prompt_max_chars))
const unit = z.number().check(z.gte(0), z.lte(1))
const expansionSide = z.number().check(z.gte(0), z.lte(LIMITS.expansion_ratio_max))

/** Base64 PNG or JPEG, raw or as a `data:` URL. Size and pixel rules are checked from the decoded bytes. */
export const ImageInput = z.string().check(z.minLength(1))

export const Expansion = z.strictObject({
  top: expansionSide,
  bottom: expansionSide,
  left: expansionSide,
  right: expansionSide,
})
export type Expansion = z.infer<typeof Expansion>

/** `POST /v1/jobs` body. Cross-field rules live in `createJobIssues`. */
export const CreateJobRequest = z.strictObject({
  operation: z.enum(OPERATIONS),
  model: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  prompt: z.optional(prompt),
  negative_prompt: z.optional(z.string().check(z.maxLength(LIMITS.prompt_max_chars))),
  aspect_ratio: z.optional(z.enum(REQUEST_ASPECT_RATIOS)),
  resolution: z.optional(z.enum(RESOLUTIONS)),
  n: z.optional(z.int().check(z.gte(LIMITS.n_min), z.lte(LIMITS.n_max))),
  image: z.optional(ImageInput),
  image_reference: z.optional(z.enum(IMAGE_REFERENCES)),
  image_fidelity: z.optional(unit),
  human_fidelity: z.optional(unit),
  expansion: z.optional(Expansion),
  subject_images: z.optional(
    z.array(ImageInput).check(z.minLength(LIMITS.subject_images_min), z.maxLength(LIMITS.subject_images_max)),
  ),
  scene_image: z.optional(ImageInput),
  style_image: z.optional(ImageInput),
  images: z.optional(z.array(ImageInput).check(z.maxLength(LIMITS.omni_images_max))),
  result_type: z.optional(z.enum(RESULT_TYPES)),
  series_amount: z.optional(z.int().check(z.gte(LIMITS.series_amount_min), z.lte(LIMITS.series_amount_max))),
  client_ref: z.optional(z.string().check(z.maxLength(LIMITS.client_ref_max_chars))),
})
export type CreateJobRequest = z.infer<typeof CreateJobRequest>

export interface FieldIssue {
  path: string
  message: string
}

/**
 * Rules that span fields (which fields each operation needs or forbids). Pure, so the UI can show the same
 * messages before it sends anything.
 */
export function createJobIssues(req: CreateJobRequest): FieldIssue[] {
  const issues: FieldIssue[] = []
  const op = req.operation
  const forbid = (field: keyof CreateJobRequest, allowed: string) => {
    if (req[field] !== undefined) issues.push({ path: field, message: `only allowed for ${allowed}` })
  }
  const need = (field: keyof CreateJobRequest) => {
    if (req[field] === undefined) issues.push({ path: field, message: `required for ${op}` })
  }

  if (op === 'generate' || op === 'image_to_image' || op === 'omni') need('prompt')
  if (op !== 'generate' && op !== 'multi_reference') {
    forbid('negative_prompt', 'generate and multi_reference (Kling rejects a negative prompt with a single input image)')
  }
  if (op === 'expand') {
    forbid('aspect_ratio', 'operations other than expand (the result keeps the image\'s own proportions)')
    forbid('resolution', 'operations other than expand')
  }
  if (req.aspect_ratio === 'auto' && op !== 'omni') {
    issues.push({ path: 'aspect_ratio', message: '"auto" is only allowed for omni' })
  }
  if (op === 'image_to_image' || op === 'expand') need('image')
  else forbid('image', 'image_to_image and expand')
  if (op !== 'image_to_image') {
    forbid('image_reference', 'image_to_image')
    forbid('image_fidelity', 'image_to_image')
    forbid('human_fidelity', 'image_to_image')
  }
  if (op === 'expand') {
    need('expansion')
    const e = req.expansion
    if (e) {
      const area = (1 + e.top + e.bottom) * (1 + e.left + e.right)
      if (area > LIMITS.expansion_area_max + 1e-9) {
        issues.push({
          path: 'expansion',
          message: `the expanded image would be ${area.toFixed(2)}x the original area; at most ${LIMITS.expansion_area_max}x is allowed`,
        })
      } else if (e.top + e.bottom + e.left + e.right === 0) {
        issues.push({ path: 'expansion', message: 'at least one side must be expanded' })
      }
    }
  } else forbid('expansion', 'expand')
  if (op === 'multi_reference') need('subject_images')
  else {
    forbid('subject_images', 'multi_reference')
    forbid('scene_image', 'multi_reference')
    forbid('style_image', 'multi_reference')
  }
  if (op === 'omni') {
    const count = req.images?.length ?? 0
    const dangling = req.prompt === undefined ? [] : danglingReferences(req.prompt, count)
    if (dangling.length) {
      const names = dangling.map(imageReference).join(', ')
      issues.push({
        path: 'prompt',
        message: `refers to ${names} but ${count === 0 ? 'no images are given' : `only ${count} image${count === 1 ? ' is' : 's are'} given (<<<image_1>>>${count > 1 ? ` to ${imageReference(count)}` : ''})`}`,
      })
    }
    if (req.result_type === 'series') {
      need('series_amount')
      if (req.n !== undefined) issues.push({ path: 'n', message: 'does not apply to a series; series_amount sets how many images it has' })
    } else if (req.series_amount !== undefined) {
      issues.push({ path: 'series_amount', message: 'only allowed with result_type "series"' })
    }
  } else {
    forbid('images', 'omni')
    forbid('result_type', 'omni')
    forbid('series_amount', 'omni with result_type "series"')
  }
  return issues
}

export const JobImage = z.object({
  index: z.int(),
  url: z.string(),
  width: z.int(),
  height: z.int(),
  content_type: z.string(),
})
export type JobImage = z.infer<typeof JobImage>

export const JobError = z.object({ code: z.enum(JOB_ERROR_CODES), message: z.string() })
export type JobError = z.infer<typeof JobError>

/** What the seller reports it charged for a job (Kling's `final_unit_deduction`, PixelDojo's `creditCost`). */
export const JobCost = z.object({ amount: z.number(), unit: z.enum(['kling_units', 'credits', 'usd']) })
export type JobCost = z.infer<typeof JobCost>

export const Job = z.object({
  id: z.string(),
  status: z.enum(JOB_STATUSES),
  operation: z.enum(OPERATIONS),
  provider: z.enum(PROVIDERS),
  model: z.string(),
  prompt: z.nullable(z.string()),
  negative_prompt: z.nullable(z.string()),
  aspect_ratio: z.nullable(z.enum(REQUEST_ASPECT_RATIOS)),
  resolution: z.nullable(z.enum(RESOLUTIONS)),
  n: z.int(),
  expansion: z.nullable(Expansion),
  client_ref: z.nullable(z.string()),
  /** 1-based place in the backend's own queue while the job waits for an upstream slot; otherwise null. */
  queue_position: z.nullable(z.int()),
  cost: z.nullable(JobCost),
  images: z.array(JobImage),
  error: z.nullable(JobError),
  created_at: z.string(),
  updated_at: z.string(),
})
export type Job = z.infer<typeof Job>

export const JobList = z.object({ jobs: z.array(Job), next_cursor: z.nullable(z.string()) })
export type JobList = z.infer<typeof JobList>

export const ListJobsQuery = z.strictObject({
  limit: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(100))),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
})

export const GetJobQuery = z.strictObject({
  wait: z.optional(z.coerce.number().check(z.gte(0), z.lte(25))),
})

/** `GET /v1/changes` query: `after` a cursor from an earlier answer (omit to start), `wait` 0 to 25 s. */
export const ChangesQuery = z.strictObject({
  after: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  wait: z.optional(z.coerce.number().check(z.gte(0), z.lte(25))),
})

/** `GET /v1/changes` answer: changed jobs, oldest change first, and the cursor to pass as `after` next. */
export const Changes = z.object({ jobs: z.array(Job), cursor: z.string() })
export type Changes = z.infer<typeof Changes>

/** `Idempotency-Key`: 1 to 128 visible ASCII characters. */
export const IdempotencyKey = z.string().check(z.regex(/^[\x21-\x7e]{1,128}$/, 'must be 1 to 128 visible ASCII characters'))

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.array(z.object({ path: z.string(), message: z.string() }))),
  }),
})
export type ErrorBody = z.infer<typeof ErrorBody>

const Range = z.object({ min: z.int(), max: z.int() })

/** What one model does for one operation. Empty `aspect_ratios` / `resolutions`: the field is not taken at all. */
export const OperationCapabilities = z.object({
  /** Ratios the request may name; `auto` where the model picks one itself (omni). */
  aspect_ratios: z.array(z.enum(REQUEST_ASPECT_RATIOS)),
  /**
   * The ratio used when the request names none; null when `aspect_ratio` is not taken. When it is `auto` but
   * `auto_needs_image` and no image is given, `1:1` is used.
   */
  default_aspect_ratio: z.nullable(z.enum(REQUEST_ASPECT_RATIOS)),
  /** `auto` is offered only when at least one input image is given (kling-image-o1: a prompt alone needs a ratio). */
  auto_needs_image: z.boolean(),
  resolutions: z.array(z.enum(RESOLUTIONS)),
  n: Range,
  /**
   * How many input images the operation takes: `image` (image_to_image, expand), `subject_images`
   * (multi_reference) or `images` (omni).
   */
  images: Range,
  /** Optional request fields this model takes for this operation, e.g. `negative_prompt`, `scene_image`. */
  parameters: z.array(z.string()),
  /** `series_amount` range when `result_type: "series"` is offered; null when it is not. */
  series: z.nullable(Range),
  /** Style transfer: the output keeps the input's pixel size, so neither `aspect_ratio` nor `resolution` is taken. */
  style_transfer: z.boolean(),
})
export type OperationCapabilities = z.infer<typeof OperationCapabilities>

export const ModelCapabilities = z.object({
  id: z.string(),
  label: z.string(),
  /** One line for a model picker: what the model is good for. */
  description: z.string(),
  operations: z.array(z.enum(OPERATIONS)),
  /** Union over `operations` of the custom ratios; per-operation detail (incl. `auto`) is in `by_operation`. */
  aspect_ratios: z.array(z.enum(ASPECT_RATIOS)),
  /** Union over `operations`; per-operation detail is in `by_operation`. */
  resolutions: z.array(z.enum(RESOLUTIONS)),
  n: Range,
  /** Union over `operations` of the optional request fields this model honours, e.g. `negative_prompt`. */
  parameters: z.array(z.string()),
  /** Whether any operation of this model offers `result_type: "series"`. */
  series: z.boolean(),
  /** Whether this model restyles (image_to_image keeps the input's size; no ratio, no resolution). */
  style_transfer: z.boolean(),
  /** The exact rules per operation; every operation in `operations` has an entry. */
  by_operation: z.partialRecord(z.enum(OPERATIONS), OperationCapabilities),
})
export type ModelCapabilities = z.infer<typeof ModelCapabilities>

/** An operation the configured provider cannot offer in this configuration, and why (e.g. no PUBLIC_BASE_URL). */
export const UnavailableOperation = z.object({ operation: z.enum(OPERATIONS), reason: z.string() })
export type UnavailableOperation = z.infer<typeof UnavailableOperation>

export const Capabilities = z.object({
  provider: z.enum(PROVIDERS),
  default_model: z.string(),
  /** The model used for each operation the provider offers when the request names none. */
  default_models: z.partialRecord(z.enum(OPERATIONS), z.string()),
  models: z.array(ModelCapabilities),
  /** Operations the seller documents but this server cannot run as configured; the panel can say why. */
  unavailable: z.optional(z.array(UnavailableOperation)),
  /** The seller account, when the seller reports it (PixelDojo's `creditsRemaining` after the last job). */
  account: z.optional(z.object({ credits_remaining: z.number() })),
  limits: z.object({
    prompt_max_chars: z.int(),
    image_max_bytes: z.int(),
    image_min_side: z.int(),
    image_aspect_min: z.number(),
    image_aspect_max: z.number(),
    expansion_ratio_max: z.number(),
    expansion_area_max: z.number(),
    subject_images_min: z.int(),
    subject_images_max: z.int(),
    omni_images_max: z.int(),
    series_amount_min: z.int(),
    series_amount_max: z.int(),
  }),
  /** The seller account's task slots (`UPSTREAM_CONCURRENCY`); jobs past them wait in the backend's queue. */
  upstream: z.object({ concurrency: z.int() }),
  budget: z.object({
    daily_limit: z.int(),
    used_today: z.int(),
    remaining_today: z.int(),
    resets_at: z.string(),
  }),
})
export type Capabilities = z.infer<typeof Capabilities>

export const Health = z.object({
  ok: z.boolean(),
  provider: z.string(),
  version: z.string(),
  reason: z.optional(z.string()),
})
export type Health = z.infer<typeof Health>
