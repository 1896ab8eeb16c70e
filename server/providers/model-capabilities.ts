import { ASPECT_RATIOS, RESOLUTIONS, type Operation } from '../../shared/api/enums'
import type { ModelCapabilities, OperationCapabilities } from '../../shared/api/schemas'

/** A model as a provider's capability map lists it: the per-operation rules; the unions are derived. */
export interface ModelEntry {
  id: string
  label: string
  description: string
  by_operation: Partial<Record<Operation, OperationCapabilities>>
}

/** The public shape of a map entry: `operations` and the top-level unions follow from `by_operation`. */
export function modelCapabilities(entry: ModelEntry): ModelCapabilities {
  const ops = Object.entries(entry.by_operation) as [Operation, OperationCapabilities][]
  const union = <T extends string>(order: readonly T[], pick: (o: OperationCapabilities) => readonly string[]) =>
    order.filter((v) => ops.some(([, o]) => pick(o).includes(v)))
  const parameters = [...new Set(ops.flatMap(([, o]) => o.parameters))]
  return {
    id: entry.id,
    label: entry.label,
    description: entry.description,
    operations: ops.map(([op]) => op),
    aspect_ratios: union(ASPECT_RATIOS, (o) => o.aspect_ratios),
    resolutions: union(RESOLUTIONS, (o) => o.resolutions),
    n: { min: Math.min(...ops.map(([, o]) => o.n.min)), max: Math.max(...ops.map(([, o]) => o.n.max)) },
    parameters,
    series: ops.some(([, o]) => o.series !== null),
    style_transfer: ops.some(([, o]) => o.style_transfer),
    by_operation: entry.by_operation,
  }
}
