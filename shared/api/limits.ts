/** Input limits from Kling's docs (kling-upstream.md §6, §2.3) that the API enforces before anything goes upstream. */
export const LIMITS = {
  prompt_max_chars: 2500,
  image_max_bytes: 10 * 1024 * 1024,
  image_min_side: 300,
  image_aspect_min: 0.4,
  image_aspect_max: 2.5,
  expansion_ratio_max: 2,
  expansion_area_max: 3,
  n_min: 1,
  n_max: 9,
  client_ref_max_chars: 200,
  /** `multi_reference`: subject images to combine (kling-upstream.md §2.5). */
  subject_images_min: 1,
  subject_images_max: 4,
  /** `omni`: reference images, `<<<image_1>>>` to `<<<image_10>>>` (kling-upstream.md §2.4). */
  omni_images_max: 10,
  /** `omni` with `result_type: "series"`: images in the set. */
  series_amount_min: 2,
  series_amount_max: 9,
  /** Request bodies larger than this answer 413 `payload_too_large`. */
  body_max_bytes: 32 * 1024 * 1024,
  /** `?wait=` upper bound, seconds. */
  wait_max_seconds: 25,
} as const
