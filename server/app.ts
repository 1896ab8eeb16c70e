import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { LIMITS } from '../shared/api/limits'
import type { ErrorBody } from '../shared/api/schemas'
import type { AppEnv } from './app-env'
import { requireOwner } from './auth/require-owner'
import { ApiError } from './errors'
import { ownerRateLimit } from './http/owner-rate-limit'
import { requestLog } from './http/request-log'
import { requireConfig } from './http/require-config'
import { logEvent } from './log'
import { failureCode } from './providers/failure-code'
import { ProviderError } from './providers/provider'
import { callback } from './routes/callback'
import { cancelJob } from './routes/cancel-job'
import { capabilities } from './routes/capabilities'
import { changes } from './routes/changes'
import { createJob } from './routes/create-job'
import { getJob } from './routes/get-job'
import { health } from './routes/health'
import { inputs } from './routes/inputs'
import { jobImage } from './routes/job-image'
import { listJobs } from './routes/list-jobs'
import { openapi } from './routes/openapi'

/** The Worker's HTTP API: every route and middleware. `app.routes` lists them (the isolation suite checks each). */
export const app = new Hono<AppEnv>()

// Outermost, so it sees the final status of every answer, errors included.
app.use('*', requestLog)
// Every answer is JSON or image bytes for a null-origin plugin iframe: nothing may frame, sniff or embed it, except
// that its images may be read cross-origin (the panel fetches them).
app.use(
  '*',
  secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    crossOriginResourcePolicy: 'cross-origin',
    crossOriginEmbedderPolicy: false,
    xFrameOptions: 'DENY',
  }),
)
// Before auth, so preflights never meet it and every answer, errors included, carries the header.
app.use(
  '*',
  cors({
    origin: '*',
    allowMethods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key'],
    exposeHeaders: ['Retry-After'],
    maxAge: 86400,
  }),
)
app.use(
  '*',
  bodyLimit({
    maxSize: LIMITS.body_max_bytes,
    onError: () => {
      throw new ApiError('payload_too_large', `The request body is over ${LIMITS.body_max_bytes / 1024 / 1024} MiB.`)
    },
  }),
)

// Open routes: health and the API description for anyone; callbacks and inputs authenticated by their URL token.
app.route('/v1/health', health)
app.route('/v1/openapi.json', openapi)
app.use('/v1/callbacks/*', requireConfig)
app.route('/v1/callbacks', callback)
app.use('/v1/inputs/*', requireConfig)
app.route('/v1/inputs', inputs)

// Everything else needs a client token.
// '/v1/jobs/*' matches '/v1/jobs' itself too.
for (const path of ['/v1/capabilities', '/v1/changes', '/v1/jobs/*']) app.use(path, requireConfig, requireOwner, ownerRateLimit)
app.route('/v1/capabilities', capabilities)
app.route('/v1/changes', changes)
app.route('/v1/jobs', createJob)
app.route('/v1/jobs', listJobs)
app.route('/v1/jobs', getJob)
app.route('/v1/jobs', cancelJob)
app.route('/v1/jobs', jobImage)

app.notFound((c) => errorResponse(c, new ApiError('not_found', `No route ${c.req.method} ${c.req.path}.`)))

/** The one place an error becomes a response: always the JSON envelope, never HTML or a stack trace. */
app.onError((error, c) => {
  if (error instanceof ApiError) return errorResponse(c, error)
  if (error instanceof ProviderError) {
    if (error.upstreamCode !== undefined) c.set('upstreamCode', error.upstreamCode)
    const code = failureCode(error.reason)
    const retryAfter = code === 'upstream_unavailable' ? (error.retryAfter ?? 30) : undefined
    return errorResponse(c, new ApiError(code, error.message, { retryAfter }))
  }
  if (error instanceof HTTPException && error.status === 413) {
    return errorResponse(c, new ApiError('payload_too_large', 'The request body is too large.'))
  }
  // A bug. The log keeps what an operator needs to find it; the client gets a fixed message.
  logEvent('error', 'unhandled_error', { method: c.req.method, path: c.req.path, name: error.name, message: error.message, stack: error.stack })
  return errorResponse(c, new ApiError('internal_error', 'Something went wrong on our side; please try again.'))
})

function errorResponse(c: Context<AppEnv>, error: ApiError): Response {
  const body: ErrorBody = { error: { code: error.code, message: error.message, ...(error.options.details ? { details: error.options.details } : {}) } }
  if (error.options.retryAfter !== undefined) c.header('Retry-After', String(error.options.retryAfter))
  return c.json(body, error.status as ContentfulStatusCode)
}
