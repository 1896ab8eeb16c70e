import { drawLabel } from './draw-label'
import { encodePngAsync } from './encode-png'
import { renderExpand } from './render-expand'
import { renderGeneration } from './render-generation'
import { renderReferences } from './render-references'
import type { Task } from './task'

/**
 * The PNG for one result of a task, rendered on first download and cached on the task (a re-download returns the
 * same bytes). `watermarked` is the `watermark_url` variant: the same image with a "KLING AI" mark bottom-right.
 */
export function taskImageAsync(task: Task, index: number, watermarked: boolean): Promise<Buffer> {
  const key = watermarked ? `${index}-wm` : `${index}`
  let cached = task.images.get(key)
  if (!cached) {
    cached = renderAsync(task, index, watermarked)
    // A failed render must not poison the cache.
    cached.catch(() => task.images.delete(key))
    task.images.set(key, cached)
  }
  return cached
}

async function renderAsync(task: Task, index: number, watermarked: boolean): Promise<Buffer> {
  const { request, width, height } = task
  const raster =
    request.endpoint === 'expand'
      ? renderExpand(request, index, width, height)
      : request.endpoint === 'generations'
        ? renderGeneration(request, index, width, height)
        : renderReferences(request, index, width, height)
  if (watermarked) {
    const box = { x: Math.round(width * 0.6), y: Math.round(height * 0.82), width: Math.round(width * 0.4), height: Math.round(height * 0.18) }
    drawLabel(raster, [{ text: 'KLING AI', size: 1 }], box)
  }
  return encodePngAsync(raster)
}

/**
 * Renders a task's results in the background while it is processing, one image per macrotask so requests keep
 * flowing: real Kling has its files ready when it reports `succeed`, and a lazy render would put our own drawing
 * time on the client's measured path. A task finished early (admin `finish`) still renders on first download.
 */
export async function prerenderTaskImagesAsync(task: Task): Promise<void> {
  for (let index = 0; index < task.request.n; index++) {
    await new Promise((resolve) => setImmediate(resolve))
    if (task.status === 'failed') return
    await taskImageAsync(task, index, false).catch(() => undefined)
  }
}
