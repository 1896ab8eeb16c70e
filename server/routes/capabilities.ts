import { Hono } from 'hono'
import { LIMITS } from '../../shared/api/limits'
import type { Capabilities } from '../../shared/api/schemas'
import type { AppEnv } from '../app-env'
import { nextUtcMidnight, utcDay } from '../jobs/budget'
import { ownerStub } from '../upstream/upstream-stub'

/** `GET /v1/capabilities`: models, limits and the caller's budget, so the UI never hard-codes them. */
export const capabilities = new Hono<AppEnv>().get('/', async (c) => {
  const now = Date.now()
  const used = await ownerStub(c.env, c.var.owner).used(utcDay(now))
  const limit = c.var.config.dailyImageLimit
  const provider = c.var.provider
  const unavailable = provider.unavailable()
  const account = await provider.accountAsync()
  const body: Capabilities = {
    provider: provider.name,
    default_model: provider.defaultModel,
    default_models: provider.defaultModels,
    models: provider.models(),
    ...(unavailable.length ? { unavailable } : {}),
    ...(account ? { account } : {}),
    limits: {
      prompt_max_chars: LIMITS.prompt_max_chars,
      image_max_bytes: LIMITS.image_max_bytes,
      image_min_side: LIMITS.image_min_side,
      image_aspect_min: LIMITS.image_aspect_min,
      image_aspect_max: LIMITS.image_aspect_max,
      expansion_ratio_max: LIMITS.expansion_ratio_max,
      expansion_area_max: LIMITS.expansion_area_max,
      subject_images_min: LIMITS.subject_images_min,
      subject_images_max: LIMITS.subject_images_max,
      omni_images_max: LIMITS.omni_images_max,
      series_amount_min: LIMITS.series_amount_min,
      series_amount_max: LIMITS.series_amount_max,
    },
    upstream: { concurrency: c.var.config.upstreamConcurrency },
    budget: { daily_limit: limit, used_today: used, remaining_today: Math.max(0, limit - used), resets_at: nextUtcMidnight(now) },
  }
  return c.json(body)
})
