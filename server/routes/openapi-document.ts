import * as z from 'zod/mini'
import { LIMITS } from '../../shared/api/limits'
import { Capabilities, Changes, ChangesQuery, CreateJobRequest, ErrorBody, GetJobQuery, Health, Job, JobList, ListJobsQuery } from '../../shared/api/schemas'
import { VERSION } from '../version'

type Json = Record<string, unknown>

/** A shared schema as an OpenAPI 3.1 (JSON Schema 2020-12) component. */
function schema(s: z.ZodMiniType, io: 'input' | 'output' = 'output'): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json
  return rest
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const json = (name: string, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } })
const retryAfter = { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } }

/** Error responses by status, each the one envelope; the codes each can carry are listed in its description. */
const errors = {
  400: { ...json('ErrorBody', '`invalid_request` (details name each bad field, including unknown ones) or `operation_not_supported`.') },
  401: json('ErrorBody', '`unauthorized`: missing or unknown client token.'),
  402: json('ErrorBody', "`insufficient_credits`: the owner's daily image budget, or the upstream account's balance, is used up."),
  404: json('ErrorBody', '`not_found` (unknown route or job, or another owner\'s job: existence is never revealed) or `model_not_found`.'),
  413: json('ErrorBody', `\`payload_too_large\`: body over ${LIMITS.body_max_bytes / 1024 / 1024} MiB.`),
  422: json('ErrorBody', "`content_rejected`: the provider's content policy refused the prompt or image; the message says why."),
  429: { ...json('ErrorBody', '`rate_limited`: the owner already has `MAX_ACTIVE_JOBS` unfinished jobs.'), headers: retryAfter },
  500: json('ErrorBody', '`internal_error`: a bug. The message is fixed and never holds secrets or stack traces.'),
  502: json('ErrorBody', '`upstream_error`: the provider answered with something unusable, or called our request invalid.'),
  503: {
    ...json('ErrorBody', '`upstream_unavailable`: the provider is down or busy after retries, its credentials were refused, or the server is misconfigured (the message names the setting).'),
    headers: retryAfter,
  },
} as const
const pick = (...codes: (keyof typeof errors)[]) => Object.fromEntries(codes.map((code) => [code, errors[code]]))

const bearer = [{ bearer: [] }]
const jobId = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^job_[0-9A-Z]{26}$' } }

function queryParameters(s: z.ZodMiniType, descriptions: Record<string, string>) {
  const properties = (schema(s, 'input').properties ?? {}) as Record<string, Json>
  return Object.entries(properties).map(([name, p]) => ({ name, in: 'query', required: false, schema: p, description: descriptions[name] }))
}

/** The OpenAPI 3.1 document of the v1 API, generated from the zod schemas that validate requests. */
export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kling Frames API',
      version: VERSION,
      description:
        'Backend of the Kling Frames Figma plugin. Every response, errors included, carries `Access-Control-Allow-Origin: *`; errors are always the JSON envelope `ErrorBody`.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A client token from the `CLIENT_TOKENS` secret.' } },
      schemas: {
        CreateJobRequest: schema(CreateJobRequest, 'input'),
        Job: schema(Job),
        JobList: schema(JobList),
        Changes: schema(Changes),
        Capabilities: schema(Capabilities),
        Health: schema(Health),
        ErrorBody: schema(ErrorBody),
      },
    },
    paths: {
      '/v1/health': {
        get: {
          summary: 'Is the server configured and up?',
          security: [],
          responses: { 200: json('Health', 'Ready.'), 503: json('Health', 'Misconfigured: `ok` is false and `reason` names the setting.') },
        },
      },
      '/v1/openapi.json': { get: { summary: 'This document.', security: [], responses: { 200: { description: 'OpenAPI 3.1.' } } } },
      '/v1/capabilities': {
        get: {
          summary: "The provider's models, the input limits and the caller's daily budget.",
          security: bearer,
          responses: { 200: json('Capabilities', 'What the UI may offer.'), ...pick(401, 500, 503) },
        },
      },
      '/v1/jobs': {
        post: {
          summary: 'Create a job and submit it upstream.',
          description:
            'Every input image (`image`, `subject_images.N`, `scene_image`, `style_image`, `images.N`) is checked from its bytes ' +
            '(PNG or JPEG, at most 10 MB decoded, sides >= 300 px, aspect 0.4 to 2.5); errors name the field path. ' +
            'The request is checked against the capability map before anything goes upstream: an unknown model is 404 `model_not_found`; ' +
            'a known model that cannot do the operation, or a field or value it does not take (capabilities `by_operation`), is 400 ' +
            '`operation_not_supported` naming the model and the operation or field. In an omni prompt, `<<<image_N>>>` names `images[N-1]`; ' +
            'a reference past the last image is 400 on `prompt`. A series (`result_type: "series"`) makes `series_amount` images: the job\'s `n`. ' +
            'Style transfer (`image_to_image` with `kling-v2-new`) keeps the input\'s pixel size and takes neither `aspect_ratio` nor `resolution`. ' +
            'The images are charged to the daily budget at once and refunded if the job fails; a canceled job is not refunded. ' +
            'With `Idempotency-Key`, a repeat from the same owner within 24 h answers 200 with the first job (whatever its body) and creates nothing upstream.',
          security: bearer,
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,128}$' },
              description: '1 to 128 visible ASCII characters, unique per intended job.',
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref('CreateJobRequest') } } },
          responses: {
            202: json('Job', 'Created and submitted (or queued for submission).'),
            200: json('Job', 'A repeated Idempotency-Key: the job the first request created.'),
            ...pick(400, 401, 402, 404, 413, 422, 429, 500, 502, 503),
          },
        },
        get: {
          summary: "The caller's jobs, newest first.",
          security: bearer,
          parameters: queryParameters(ListJobsQuery, { limit: '1 to 100, default 20.', cursor: '`next_cursor` of the previous page.' }),
          responses: { 200: json('JobList', 'A page; `next_cursor` is null on the last.'), ...pick(400, 401, 500, 503) },
        },
      },
      '/v1/jobs/{id}': {
        get: {
          summary: 'A job.',
          description:
            'With `wait`, holds the request until the job finishes or `wait` seconds pass. The server refreshes unfinished jobs from upstream on its own (about once a second, or on the provider\'s callback).',
          security: bearer,
          parameters: [jobId, ...queryParameters(GetJobQuery, { wait: 'Seconds to hold, 0 to 25 (default 0).' })],
          responses: { 200: json('Job', 'The job.'), ...pick(400, 401, 404, 500, 503) },
        },
        delete: {
          summary: 'Cancel a job.',
          description: 'A queued or running job becomes `canceled` and its images are never fetched. A finished job is returned unchanged.',
          security: bearer,
          parameters: [jobId],
          responses: { 200: json('Job', 'The job after the cancel.'), ...pick(401, 404, 500, 503) },
        },
      },
      '/v1/changes': {
        get: {
          summary: "One long-poll for all of the caller's jobs.",
          description:
            'Every job whose status, `queue_position` or images changed after `after`, each once in its latest state, oldest change first; held until there is one or `wait` seconds pass (then `jobs` is empty and `cursor` unchanged). Without `after`: the unfinished jobs and the current cursor. An unknown or expired cursor answers 400; start again without it.',
          security: bearer,
          parameters: queryParameters(ChangesQuery, { after: 'The `cursor` of the previous answer.', wait: 'Seconds to hold, 0 to 25 (default 0).' }),
          responses: { 200: json('Changes', 'Changed jobs and the next cursor.'), ...pick(400, 401, 500, 503) },
        },
      },
      '/v1/jobs/{id}/images/{index}': {
        get: {
          summary: "A succeeded job's stored image.",
          security: bearer,
          parameters: [jobId, { name: 'index', in: 'path', required: true, schema: { type: 'integer', minimum: 0 } }],
          responses: {
            200: {
              description: 'The bytes, `Cache-Control: private, max-age=31536000, immutable`.',
              content: { 'image/png': {}, 'image/jpeg': {}, 'image/webp': {} },
            },
            ...pick(400, 401, 404, 500, 503),
          },
        },
      },
      '/v1/inputs/{token}': {
        get: {
          summary: 'An input image of a running job, for a seller that fetches inputs by URL.',
          description:
            '`token` is `{payload}.{HMAC-SHA256 under CALLBACK_SECRET}`, both base64url; the payload names the owner, the job, the image and an expiry (with the job, at most an hour out). No bearer token. A forged, altered, expired or foreign token, or a job that has ended, answers 404 and reveals nothing. Served only when PUBLIC_BASE_URL and CALLBACK_SECRET are set.',
          security: [],
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: { description: 'The bytes, `Cache-Control: private, no-store`.', content: { 'image/png': {}, 'image/jpeg': {} } },
            404: errors[404],
            503: errors[503],
          },
        },
      },
      '/v1/callbacks/{provider}/{token}': {
        post: {
          summary: "The provider's task-status callback.",
          description:
            "`token` is `{job id}.{owner, base64url}.{HMAC-SHA256 of owner and job id under CALLBACK_SECRET, base64url}`: it names the owner's object to refresh. The body (Kling's flat or enveloped shape) is only a hint: the server re-reads the task upstream. Sent only when PUBLIC_BASE_URL and CALLBACK_SECRET are set.",
          security: [],
          parameters: [
            { name: 'provider', in: 'path', required: true, schema: { type: 'string', enum: ['kling'] } },
            { name: 'token', in: 'path', required: true, schema: { type: 'string' } },
          ],
          requestBody: { required: false, content: { 'application/json': { schema: {} } } },
          responses: { 204: { description: 'Accepted; the job is refreshed.' }, 404: errors[404], 503: errors[503] },
        },
      },
    },
  }
}
