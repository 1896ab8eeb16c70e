import { invalidParam, invalidRequest } from './kling-error'

/**
 * Typed, error-raising access to a create body's fields. Absent, `null` and `""` all mean "not given": the official
 * sample request sends `"negative_prompt": ""`, `"external_task_id": ""` and `"callback_url": ""`, so empty strings
 * must be accepted as absent. Wrong types and out-of-range values are 1201, missing required fields 1200.
 */
export class BodyReader {
  constructor(
    readonly body: Record<string, unknown>,
    allowedKeys: readonly string[],
  ) {
    for (const key of Object.keys(body)) {
      if (!allowedKeys.includes(key)) throw invalidParam(`unknown parameter: ${key}`)
    }
  }

  /** True when the field carries a value (not absent, null or an empty string). */
  has(key: string): boolean {
    const value = this.body[key]
    return value !== undefined && value !== null && value !== ''
  }

  string(key: string, maxChars?: number): string | undefined {
    if (!this.has(key)) return undefined
    const value = this.body[key]
    if (typeof value !== 'string') throw invalidParam(`${key} must be a string`)
    // Counted in code points, which is what "characters" means to a user typing a prompt.
    if (maxChars !== undefined && [...value].length > maxChars) throw invalidParam(`${key} cannot exceed ${maxChars} characters`)
    return value
  }

  requiredString(key: string, maxChars?: number): string {
    const value = this.string(key, maxChars)
    if (value === undefined || value.trim() === '') throw invalidRequest(`${key} is required`)
    return value
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const value = this.string(key)
    if (value === undefined) return undefined
    if (!(values as readonly string[]).includes(value)) throw invalidParam(`${key} must be one of ${values.join(', ')} (got "${value}")`)
    return value as T
  }

  number(key: string, min: number, max: number): number | undefined {
    if (!this.has(key)) return undefined
    const value = this.body[key]
    if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidParam(`${key} must be a number`)
    if (value < min || value > max) throw invalidParam(`${key} must be within [${min}, ${max}] (got ${value})`)
    return value
  }

  integer(key: string, min: number, max: number): number | undefined {
    const value = this.number(key, min, max)
    if (value !== undefined && !Number.isInteger(value)) throw invalidParam(`${key} must be an integer (got ${value})`)
    return value
  }

  /** `watermark_info: {"enabled": boolean}`; custom watermarks are not supported, so no other key is allowed. */
  watermark(): boolean {
    if (!this.has('watermark_info')) return false
    const value = this.body.watermark_info
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidParam('watermark_info must be an object')
    const info = value as Record<string, unknown>
    for (const key of Object.keys(info)) {
      if (key !== 'enabled') throw invalidParam(`unknown parameter: watermark_info.${key}`)
    }
    if (info.enabled !== undefined && typeof info.enabled !== 'boolean') throw invalidParam('watermark_info.enabled must be a boolean')
    return info.enabled === true
  }

  /** `callback_url`: must be an absolute http(s) URL when given. */
  callbackUrl(): string | undefined {
    const value = this.string('callback_url')
    if (value === undefined) return undefined
    let url: URL
    try {
      url = new URL(value)
    } catch {
      throw invalidParam('callback_url must be a valid URL')
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalidParam('callback_url must be an http(s) URL')
    return value
  }
}
