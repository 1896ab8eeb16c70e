import { Hono } from 'hono'
import type { AppEnv } from '../app-env'
import { ApiError, jobNotFound } from '../errors'
import { JOB_ID_PATTERN } from '../jobs/job-id'
import type { StoredImage } from '../jobs/job-row'
import { ownerStub } from '../upstream/upstream-stub'
import { imageKey } from '../jobs/store-images'
import { invalidRequest } from '../validate'

/** `GET /v1/jobs/{id}/images/{index}`: a stored result image, owner only, cacheable for good (it never changes). */
export const jobImage = new Hono<AppEnv>().get('/:id/images/:index', async (c) => {
  const id = c.req.param('id')
  const index = c.req.param('index')
  if (!/^\d{1,2}$/.test(index)) throw invalidRequest('path', [{ path: 'index', message: 'must be an image index (0, 1, ...)' }])
  if (!JOB_ID_PATTERN.test(id)) throw jobNotFound()
  const row = await ownerStub(c.env, c.var.owner).getJob(c.var.config, id, 0)
  if (!row) throw jobNotFound()
  const images: StoredImage[] = row.status === 'succeeded' ? JSON.parse(row.images) : []
  const image = images.find((i) => i.index === Number(index))
  if (!image) throw new ApiError('not_found', `Job ${id} has no image ${index}.`)
  const object = await c.env.IMAGES.get(imageKey(id, image.index))
  if (!object) throw new ApiError('not_found', `Image ${index} of job ${id} is missing from storage.`)
  return new Response(object.body, {
    headers: {
      // The type read from the bytes when the image was stored.
      'Content-Type': image.content_type,
      'Content-Length': String(object.size),
      'Cache-Control': 'private, max-age=31536000, immutable',
      ETag: object.httpEtag,
    },
  })
})
