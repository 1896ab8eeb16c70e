import type { AspectRatio } from '../api/enums'
import { LIMITS } from '../api/limits'

export interface PlaceholderTarget {
  nodeId: string
  prompt: string
  ratio: AspectRatio
}

export interface Batch {
  prompt: string
  ratio: AspectRatio
  /** Targets in selection order; image i of the job goes to nodeIds[i]. */
  nodeIds: string[]
}

/**
 * Groups placeholders that share a prompt and a ratio into jobs of up to 9 images (Kling's `n` maximum):
 * N such placeholders become ceil(N/9) jobs. Groups keep the order in which they first appear.
 */
export function planBatches(targets: readonly PlaceholderTarget[], maxPerJob: number = LIMITS.n_max): Batch[] {
  const groups = new Map<string, Batch[]>()
  const order: Batch[] = []
  for (const t of targets) {
    const key = `${t.ratio}\u0000${t.prompt}`
    const chunks = groups.get(key) ?? []
    let last = chunks[chunks.length - 1]
    if (!last || last.nodeIds.length >= maxPerJob) {
      last = { prompt: t.prompt, ratio: t.ratio, nodeIds: [] }
      chunks.push(last)
      order.push(last)
      groups.set(key, chunks)
    }
    last.nodeIds.push(t.nodeId)
  }
  return order
}
