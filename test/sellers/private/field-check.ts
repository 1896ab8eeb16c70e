/** One refused field, in neutral terms; each seller renders it in its own error body. */
export interface FieldProblem {
  field: string
  message: string
  /** pydantic-style type, as fal reports it: `missing`, `extra_forbidden`, `enum`, `string_type`, ... */
  type: string
}

/** Thrown by the checks below; carries every problem found so far. */
export class FieldProblems extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '))
    this.name = 'FieldProblems'
  }
}

/**
 * Typed access to a seller's JSON body that refuses what the seller documents it refuses: unknown fields, missing
 * required ones, wrong types, values out of range or outside an enum. Collects every problem, then `done()` throws.
 */
export class FieldCheck {
  readonly problems: FieldProblem[] = []

  constructor(
    readonly body: Record<string, unknown>,
    allowed: readonly string[],
  ) {
    for (const key of Object.keys(body)) {
      if (!allowed.includes(key)) this.problems.push({ field: key, message: 'Extra inputs are not permitted', type: 'extra_forbidden' })
    }
  }

  private problem(field: string, message: string, type: string): undefined {
    this.problems.push({ field, message, type })
    return undefined
  }

  has(field: string): boolean {
    return this.body[field] !== undefined && this.body[field] !== null
  }

  string(field: string, options: { required?: boolean; max?: number } = {}): string | undefined {
    const value = this.body[field]
    if (value === undefined || value === null) return options.required ? this.problem(field, 'Field required', 'missing') : undefined
    if (typeof value !== 'string') return this.problem(field, 'Input should be a valid string', 'string_type')
    if (options.required && value.trim() === '') return this.problem(field, 'String should have at least 1 character', 'string_too_short')
    if (options.max !== undefined && [...value].length > options.max) {
      return this.problem(field, `String should have at most ${options.max} characters`, 'string_too_long')
    }
    return value
  }

  oneOf<T extends string>(field: string, values: readonly T[], required = false): T | undefined {
    const value = this.string(field, { required })
    if (value === undefined) return undefined
    if (!(values as readonly string[]).includes(value)) {
      return this.problem(field, `Input should be ${values.map((v) => `'${v}'`).join(', ')}`, 'enum')
    }
    return value as T
  }

  number(field: string, min: number, max: number, options: { integer?: boolean; required?: boolean } = {}): number | undefined {
    const value = this.body[field]
    if (value === undefined || value === null) return options.required ? this.problem(field, 'Field required', 'missing') : undefined
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.problem(field, 'Input should be a valid number', 'number_type')
    if (options.integer && !Number.isInteger(value)) return this.problem(field, 'Input should be a valid integer', 'int_type')
    if (value < min) return this.problem(field, `Input should be greater than or equal to ${min}`, 'greater_than_equal')
    if (value > max) return this.problem(field, `Input should be less than or equal to ${max}`, 'less_than_equal')
    return value
  }

  boolean(field: string): boolean | undefined {
    const value = this.body[field]
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'boolean') return this.problem(field, 'Input should be a valid boolean', 'bool_type')
    return value
  }

  array(field: string, min: number, max: number, required = false): unknown[] | undefined {
    const value = this.body[field]
    if (value === undefined || value === null) return required ? this.problem(field, 'Field required', 'missing') : undefined
    if (!Array.isArray(value)) return this.problem(field, 'Input should be a valid list', 'list_type')
    if (value.length < min) return this.problem(field, `List should have at least ${min} item${min === 1 ? '' : 's'}`, 'too_short')
    if (value.length > max) return this.problem(field, `List should have at most ${max} items`, 'too_long')
    return value
  }

  /** An absolute http(s) URL (webhooks, callbacks). */
  url(field: string): string | undefined {
    const value = this.string(field)
    if (value === undefined) return undefined
    try {
      const url = new URL(value)
      if (url.protocol === 'http:' || url.protocol === 'https:') return value
    } catch {
      // reported below
    }
    return this.problem(field, 'Input should be a valid URL', 'url_parsing')
  }

  add(field: string, message: string, type = 'value_error'): void {
    this.problems.push({ field, message, type })
  }

  done(): void {
    if (this.problems.length) throw new FieldProblems(this.problems)
  }
}

/** The simulators' stand-ins for moderation: "forbidden" or "unsafe" in a prompt fails the task. */
export function policyViolation(prompt: string | null | undefined): boolean {
  return !!prompt && /\b(forbidden|unsafe)\b/i.test(prompt)
}
