import type { Operation } from '../../shared/api/enums'
import type { Capabilities, ModelCapabilities } from '../../shared/api/schemas'

/** The models that can do `operation`, in the backend's order. */
export function modelsFor(caps: Capabilities | null, operation: Operation): ModelCapabilities[] {
  return caps ? caps.models.filter((m) => m.operations.includes(operation)) : []
}

/** The chosen model when it can do `operation`, else the backend's default, else the first that can. */
export function pickModel(
  caps: Capabilities | null,
  operation: Operation,
  chosen: string,
): ModelCapabilities | null {
  const models = modelsFor(caps, operation)
  return (
    models.find((m) => m.id === chosen) ?? models.find((m) => m.id === caps?.default_model) ?? models[0] ?? null
  )
}

export function supports(model: ModelCapabilities | null, parameter: string): boolean {
  return model?.parameters.includes(parameter) ?? false
}

/** `value` when the model offers it, else the model's first option. */
export function orFirst<T>(value: T, options: readonly T[]): T {
  return options.includes(value) ? value : options[0]
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)))
}

/** One line of a prompt for lists and labels. */
export function shorten(text: string, max = 60): string {
  const line = text.trim().replace(/\s+/g, ' ')
  return line.length > max ? line.slice(0, max - 1).trimEnd() + '…' : line
}

export function plural(count: number, one: string, many = one + 's'): string {
  return `${count} ${count === 1 ? one : many}`
}
