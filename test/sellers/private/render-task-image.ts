import { encodePngAsync } from '../../simulator/private/encode-png'
import { renderExpand } from '../../simulator/private/render-expand'
import { renderGeneration } from '../../simulator/private/render-generation'
import { renderReferences } from '../../simulator/private/render-references'
import type { SellerTask } from './seller-task'

/**
 * The PNG of one result, drawn by the Kling simulator's renderers (the sellers resell Kling, so results look alike)
 * on first download and cached on the task.
 */
export function taskImageAsync(task: SellerTask, index: number): Promise<Buffer> {
  let cached = task.images.get(index)
  if (!cached) {
    const { render, width, height } = task
    const raster =
      render.endpoint === 'expand'
        ? renderExpand(render, index, width, height)
        : render.endpoint === 'generations'
          ? renderGeneration(render, index, width, height)
          : renderReferences(render, index, width, height)
    cached = encodePngAsync(raster)
    cached.catch(() => task.images.delete(index))
    task.images.set(index, cached)
  }
  return cached
}
