/**
 * The test-isolate half of worker-tunnel.ts: while `run` is in progress, takes the requests sellers made to the
 * Worker's public URL (input images, webhooks) from the tunnel and answers them with the Worker under test.
 */
import { callRaw, type EnvOverrides } from './helpers'

export async function withTunnelAsync<T>(tunnelUrl: string, env: EnvOverrides, run: () => Promise<T>): Promise<T> {
  let done = false
  const pump = async () => {
    while (!done) {
      const next = await fetch(`${tunnelUrl}/__tunnel/next?wait=300`)
      if (next.status !== 200) {
        await next.body?.cancel()
        continue
      }
      const request = (await next.json()) as { id: number; method: string; path: string; headers: Record<string, string>; body: string }
      // Answered concurrently: a webhook may arrive while an input download is being served.
      void (async () => {
        const init: RequestInit = { method: request.method, headers: request.headers }
        if (request.method !== 'GET' && request.method !== 'HEAD') init.body = request.body
        const response = await callRaw(request.path, init, env)
        const bytes = new Uint8Array(await response.arrayBuffer())
        let binary = ''
        for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode(...bytes.subarray(i, i + 8192))
        const headers: Record<string, string> = {}
        response.headers.forEach((value, name) => (headers[name] = value))
        await fetch(`${tunnelUrl}/__tunnel/answer/${request.id}`, { method: 'POST', body: JSON.stringify({ status: response.status, headers, base64: btoa(binary) }) })
      })()
    }
  }
  const pumping = pump()
  try {
    return await run()
  } finally {
    done = true
    await pumping
  }
}
