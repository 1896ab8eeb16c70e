import { Hono } from 'hono'
import { imageInfo } from '../../shared/image/image-info'
import type { AppEnv } from '../app-env'
import { verifyInputTokenAsync } from '../auth/input-token'
import { ApiError } from '../errors'
import { runningJobInputAsync } from '../jobs/job-input-store'

const gone = () => new ApiError('not_found', 'No such input.')

/**
 * `GET /v1/inputs/{token}`: an input image of a running job, for a seller that fetches images by URL (fal,
 * apimodels). No bearer token: the signed token names the owner, job and image, and expires with the job. A bad,
 * expired or foreign token, or a job that has ended, answers 404 and reveals nothing.
 */
export const inputs = new Hono<AppEnv>().get('/:token', async (c) => {
  const secret = c.var.config.callbackSecret
  if (!secret) throw gone()
  const target = await verifyInputTokenAsync(c.req.param('token'), secret, Date.now())
  if (!target) throw gone()
  const base64 = await runningJobInputAsync(c.env, target)
  if (!base64) throw gone()
  const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))
  const info = imageInfo(bytes)
  return c.body(bytes, 200, {
    'Content-Type': info?.content_type ?? 'application/octet-stream',
    'Content-Length': String(bytes.length),
    // Private to the seller that was given the URL; never cached by anyone in between.
    'Cache-Control': 'private, no-store',
  })
})
