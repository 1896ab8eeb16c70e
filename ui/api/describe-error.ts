/** Turns any failure the UI can meet into a sentence a designer can act on, plus the server's own words. */
import { RemoteError } from '../../shared/protocol/channel'
import { ApiError } from './api-error'

export interface ErrorText {
  /** What happened and what to do, in plain words. */
  title: string
  /** The server's (or Figma's) own message, when it adds something. */
  detail: string | null
  code: string
}

/** A failure stored on a job: plain data, so it survives being copied around. */
export interface Failure {
  code: string
  message: string
  status?: number
  retryAfter?: number | null
  details?: { path: string; message: string }[]
}

const SENTENCES: Record<string, string> = {
  network_error:
    "Can't reach the backend. Check your connection and the backend URL in Settings; if the server is up, Figma may block it (the manifest's networkAccess) or it may not allow requests from Figma (CORS).",
  origin_not_allowed: "Figma blocks this backend: its origin is not in the manifest's networkAccess. Rebuild with KLING_FRAMES_BACKEND_URL set to it.",
  unauthorized: 'The backend did not accept your access token. Check it in Settings.',
  insufficient_credits: "You've used today's image budget, or the provider account is out of credits.",
  rate_limited: 'Too many requests at once. Wait a moment, then retry.',
  upstream_unavailable: 'Kling is busy or unavailable right now. Try again in a minute.',
  upstream_error: 'Kling sent back something unusable. Retrying usually works.',
  content_rejected: "Kling's content policy refused this prompt or image. Try rewording it.",
  invalid_request: 'The backend refused the request as invalid.',
  payload_too_large: 'The image is too large to upload. Use a smaller selection.',
  model_not_found: 'This model is not offered by the backend any more. Pick another in the model list.',
  operation_not_supported: 'The chosen model cannot do this. Pick another model.',
  not_found: 'The backend no longer knows this job.',
  internal_error: 'The backend hit an unexpected error. Try again; if it persists, tell whoever runs it.',
  timeout: 'The job took too long and was stopped. Try again.',
  bad_response: 'The backend answered in a way this plugin does not understand. Is the backend URL right?',
  html_response: 'A web page answered instead of the backend: a proxy, a captive Wi-Fi portal or a wrong backend URL.',
  broken_image: 'A result image arrived damaged, so it was not placed. Retry to download it again.',
  placement_failed: "The images were ready but couldn't be placed in Figma.",
  image_failed: "A result image couldn't be downloaded or converted.",
  export_failed: "The selection couldn't be exported from Figma.",
  not_connected: 'Connect to a backend in Settings first.',
}

/** Plain data from any thrown value, for storing on a job. */
export function toFailure(error: unknown, fallbackCode = 'unknown'): Failure {
  if (error instanceof ApiError) {
    return { code: error.code, message: error.message, status: error.status, retryAfter: error.retryAfter, details: error.details }
  }
  if (error instanceof RemoteError) return { code: fallbackCode, message: error.message }
  if (error instanceof Error) return { code: fallbackCode, message: error.message }
  return { code: fallbackCode, message: String(error) }
}

export function describeFailure(failure: Failure): ErrorText {
  let title = SENTENCES[failure.code] ?? 'Something went wrong.'
  if (failure.code === 'rate_limited' && failure.retryAfter) {
    title = `Too many requests at once. Retry in ${failure.retryAfter} s.`
  }
  if (failure.code === 'invalid_request' && failure.details?.length) {
    title += ' ' + failure.details.map((d) => `${d.path}: ${d.message}`).join('; ') + '.'
  }
  if (!SENTENCES[failure.code] && failure.status && failure.status >= 400) {
    title = `The backend answered HTTP ${failure.status}.`
  }
  const message = failure.message.trim()
  const detail = message && !title.includes(message) ? message : null
  return { title, detail, code: failure.code }
}

export function describeError(error: unknown, fallbackCode?: string): ErrorText {
  return describeFailure(toFailure(error, fallbackCode))
}
