import type { IncomingMessage, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { sendShortImage } from '../../simulator/private/damaged-answers'
import { sendText } from '../../simulator/private/http-io'
import { taskImageAsync } from './render-task-image'
import type { SellerContext } from './seller-context'

const FILE_PATH = /^\/files\/([^/]+)\/(\d+)\.png$/

/** Public result URL of image `index` of a task (no auth, like the sellers' CDNs). */
export const resultUrl = (ctx: SellerContext, taskId: string, index: number) => `${ctx.baseUrl}/files/${encodeURIComponent(taskId)}/${index}.png`

/**
 * `GET /files/{task}/{index}.png`: a result file. Applies the cdn faults: a delay, N failures (500), and expiry
 * (404 once `expireAfterMs` past completion), as the sellers' temporary URLs do; and chaos mode's file faults.
 */
export async function handleFilesAsync(ctx: SellerContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  req.resume()
  const reply = (status: number, text: string) => {
    ctx.stats.request({ method: req.method ?? 'GET', path: url.pathname, auth: 'none', status, at: Date.now() })
    sendText(res, status, text)
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'Method Not Allowed')
  ctx.stats.cdnGets++
  const cdn = ctx.config.faults.cdn
  if (cdn.delayMs > 0) await sleep(cdn.delayMs)
  if (cdn.failures > 0) {
    cdn.failures--
    return reply(500, 'Internal Server Error (simulated)')
  }
  const match = FILE_PATH.exec(url.pathname)
  const task = match ? ctx.store.find(decodeURIComponent(match[1])) : undefined
  const index = match ? Number(match[2]) : -1
  if (!task || task.status !== 'completed' || index >= task.n) return reply(404, 'Not Found')
  if (cdn.expireAfterMs !== null && task.completed_at !== null && Date.now() - task.completed_at > cdn.expireAfterMs) {
    return reply(404, 'Not Found (expired)')
  }
  const chaos = ctx.chaos?.pick('file')?.kind ?? null
  if (chaos === 'file_expired') ctx.chaos?.expired.add(task.id)
  if (ctx.chaos?.expired.has(task.id)) return reply(404, 'Not Found (expired)')
  if (chaos === 'file_error') return reply(500, 'Internal Server Error (chaos)')
  const png = await taskImageAsync(task, index)
  if (chaos === 'file_truncated' || chaos === 'file_cut') {
    ctx.stats.request({ method: req.method, path: url.pathname, auth: 'none', status: 200, at: Date.now() })
    return sendShortImage(res, png, chaos === 'file_cut' ? 'cut' : 'truncated')
  }
  ctx.stats.request({ method: req.method, path: url.pathname, auth: 'none', status: 200, at: Date.now() })
  res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length })
  res.end(req.method === 'HEAD' ? undefined : png)
}
