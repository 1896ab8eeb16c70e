const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/**
 * `job_` + a ULID: 48 bits of milliseconds then 80 random bits, Crockford base32. Ids sort by creation time and
 * are safe in URLs and as Kling's `external_task_id`.
 */
export function newJobId(now = Date.now()): string {
  let time = ''
  let t = now
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time
    t = Math.floor(t / 32)
  }
  const random = crypto.getRandomValues(new Uint8Array(16))
  let rest = ''
  for (const byte of random) rest += CROCKFORD[byte % 32]
  return `job_${time}${rest}`
}

/** Job ids as `newJobId` makes them; anything else is answered 404 without a query. */
export const JOB_ID_PATTERN = /^job_[0-9A-HJKMNP-TV-Z]{26}$/
