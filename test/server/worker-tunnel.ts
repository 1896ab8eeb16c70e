/**
 * A loopback HTTP front for the Worker under test, which runs inside workerd without a socket of its own. Sellers
 * that fetch input images by URL, and their webhooks, call the Worker's PUBLIC_BASE_URL: this Node server takes
 * such a request, parks it, and hands it to the test isolate, which long-polls `/__tunnel/next`, runs it through
 * the Worker's fetch handler and posts the answer to `/__tunnel/answer/{id}` (see tunnel-pump.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

interface Parked {
  id: number
  method: string
  path: string
  headers: Record<string, string>
  body: string
  res: ServerResponse
  timer: ReturnType<typeof setTimeout>
}

/** How long a parked request waits for the test isolate before it answers 502. */
const PARK_MS = 15_000

export interface WorkerTunnel {
  url: string
  close(): Promise<void>
}

export async function startWorkerTunnel(port: number): Promise<WorkerTunnel> {
  let nextId = 0
  const queue: Parked[] = []
  const parked = new Map<number, Parked>()
  const waiters: ((request: Parked | null) => void)[] = []

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = Buffer.concat(chunks)
    const url = new URL(req.url ?? '/', 'http://tunnel.local')
    if (url.pathname === '/__tunnel/next') {
      const request = queue.shift() ?? (await new Promise<Parked | null>((resolve) => {
        waiters.push(resolve)
        setTimeout(() => {
          const i = waiters.indexOf(resolve)
          if (i >= 0) waiters.splice(i, 1)
          resolve(null)
        }, Number(url.searchParams.get('wait') ?? 1000))
      }))
      if (!request) return void res.writeHead(204).end()
      const { id, method, path, headers } = request
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id, method, path, headers, body: request.body }))
      return
    }
    const answer = /^\/__tunnel\/answer\/(\d+)$/.exec(url.pathname)
    if (answer && req.method === 'POST') {
      const request = parked.get(Number(answer[1]))
      res.writeHead(request ? 204 : 404).end()
      if (!request) return
      parked.delete(request.id)
      clearTimeout(request.timer)
      const { status, headers, base64 } = JSON.parse(body.toString('utf8')) as { status: number; headers: Record<string, string>; base64: string }
      request.res.writeHead(status, headers).end(Buffer.from(base64, 'base64'))
      return
    }
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[name] = value
    const request: Parked = {
      id: ++nextId,
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      headers,
      body: body.toString('utf8'),
      res,
      timer: setTimeout(() => {
        parked.delete(request.id)
        const i = queue.indexOf(request)
        if (i >= 0) queue.splice(i, 1)
        res.writeHead(502, { 'Content-Type': 'text/plain' }).end('No test isolate picked this request up.')
      }, PARK_MS),
    }
    parked.set(request.id, request)
    const waiter = waiters.shift()
    if (waiter) waiter(request)
    else queue.push(request)
  }

  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()))
  // workerd's long-polls reuse pooled connections; Node's 5 s idle close would race them.
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const request of parked.values()) clearTimeout(request.timer)
        waiters.forEach((w) => w(null))
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
