import { ApiError } from './api-error'

/**
 * How the job runner treats a failed call:
 * - `offline`: nothing (or a proxy's or captive portal's web page) answered: the backend may well be running the
 *   job, so it is retried for as long as the job's deadline allows;
 * - `busy`: the backend asked to come back later (429, or a bare 502/503/504 while it restarts): the same;
 * - `auth`: the token was refused: nothing is retried until a new token is saved;
 * - `malformed`: an answer that is not what the contract says (wrong JSON, a broken image): retried a few times,
 *   as a proxy or a cut connection can cause it, then reported;
 * - `fatal`: the backend's definite answer (400, 402, 404, a job that failed…): reported at once.
 */
export type FaultKind = 'offline' | 'busy' | 'auth' | 'malformed' | 'fatal'

export function faultKind(error: unknown): FaultKind {
  if (!(error instanceof ApiError)) return 'fatal'
  if (error.status === 0 || error.code === 'html_response') return 'offline'
  if (error.status === 401) return 'auth'
  if (error.status === 429 || error.status === 502 || error.status === 503 || error.status === 504) return 'busy'
  if (error.code === 'bad_response' || error.code === 'broken_image') return 'malformed'
  return 'fatal'
}
