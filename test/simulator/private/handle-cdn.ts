import type { IncomingMessage, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { sendShortImage } from './damaged-answers'
import { sendText } from './http-io'
import type { SimContext } from './sim-context'
import type { RequestRecord } from './sim-stats'
import { taskImageAsync } from './task-images'

const IMAGE_PATH = /^\/cdn\/(\d+)\/(\d+)(-wm)?\.png$/

/**
 * The simulator's "CDN": `GET /cdn/{task_id}/{index}.png` (and `{index}-wm.png` for watermark_url). No auth, like
 * Kling's signed CDN links. Applies the cdn faults: a delay, N failures (500), expiry (404 past expireAfterMs).
 */
export async function handleCdnAsync(ctx: SimContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET'
  const record: RequestRecord = { method, path: url.pathname, auth: 'none', contentType: req.headers['content-type'] ?? null, status: 0, code: 0, at: Date.now() }
  const reply = (status: number, text: string) => {
    record.status = status
    ctx.stats.recordRequest(record)
    ctx.log(`${method} ${url.pathname} → ${status}`)
    sendText(res, status, text)
  }
  req.resume()
  if (method !== 'GET' && method !== 'HEAD') return reply(405, 'Method Not Allowed')
  ctx.stats.cdnGets++
  const cdn = ctx.config.faults.cdn
  if (cdn.delayMs > 0) await sleep(cdn.delayMs)
  if (cdn.failures > 0) {
    cdn.failures--
    return reply(500, 'Internal Server Error (simulated CDN failure)')
  }
  const match = IMAGE_PATH.exec(url.pathname)
  const task = match ? ctx.store.findById(match[1]) : undefined
  const index = match ? Number(match[2]) : -1
  const watermarked = match?.[3] !== undefined
  if (!task || task.status !== 'succeed' || index >= task.request.n || (watermarked && !task.request.watermark)) return reply(404, 'Not Found')
  if (cdn.expireAfterMs !== null && task.succeeded_at !== null && Date.now() - task.succeeded_at > cdn.expireAfterMs) {
    return reply(404, 'Not Found (expired)')
  }
  const chaos = ctx.chaos?.pick('cdn') ?? null
  if (chaos?.kind === 'cdn_expired') ctx.chaos?.expired.add(task.task_id)
  if (ctx.chaos?.expired.has(task.task_id)) return reply(404, 'Not Found (expired)')
  if (chaos?.kind === 'cdn_error') return reply(500, 'Internal Server Error (chaos)')
  const png = await taskImageAsync(task, index, watermarked)
  if (chaos?.kind === 'cdn_truncated' || chaos?.kind === 'cdn_cut') {
    record.status = 200
    ctx.stats.recordRequest(record)
    ctx.log(`${method} ${url.pathname} → 200, ${chaos.kind === 'cdn_cut' ? 'cut mid-body' : 'truncated'} (chaos)`)
    return sendShortImage(res, png, chaos.kind === 'cdn_cut' ? 'cut' : 'truncated')
  }
  record.status = 200
  ctx.stats.recordRequest(record)
  ctx.log(`${method} ${url.pathname} → 200 (${png.length} bytes)`)
  res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length, 'Cache-Control': 'public, max-age=2592000' })
  res.end(method === 'HEAD' ? undefined : png)
}
