/**
 * The Kling simulator on its own thread. It renders and PNG-encodes result images on first download, which takes
 * tens of ms of CPU; on the benchmark's own event loop that would delay when the client notices a response and
 * inflate the latency being measured. In a worker thread it has its own event loop but shares the process clock.
 *
 * The entry module re-runs itself as the thread: it must call `simulatorThreadMain()` when `!isMainThread`.
 */
import { parentPort, Worker, workerData } from 'node:worker_threads'
import { startKlingSimulator } from '../../test/simulator/kling-simulator'

interface SimThreadData {
  role: 'kling-simulator'
  delayMs: number
}

export interface SimThread {
  url: string
  close(): Promise<void>
}

export function isSimulatorThread(): boolean {
  return (workerData as SimThreadData | undefined)?.role === 'kling-simulator'
}

/** Body of the thread: start the simulator, report its URL, close it on request. */
export async function simulatorThreadMain(): Promise<void> {
  const { delayMs } = workerData as SimThreadData
  const port = parentPort
  if (!port) throw new Error('simulatorThreadMain must run in a worker thread')
  const sim = await startKlingSimulator({ port: 0, delayMs })
  port.on('message', (message: unknown) => {
    if (message !== 'close') return
    sim.close().finally(() => {
      port.postMessage({ type: 'closed' })
      port.close()
    })
  })
  port.postMessage({ type: 'ready', url: sim.url })
}

/** Starts the simulator thread from `entryUrl` (the running bundle, `import.meta.url`). */
export async function startSimulatorThread(entryUrl: string | URL, delayMs: number): Promise<SimThread> {
  const worker = new Worker(new URL(entryUrl), { workerData: { role: 'kling-simulator', delayMs } satisfies SimThreadData })
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('simulator thread did not start within 15 s')), 15_000)
    worker.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    worker.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`simulator thread exited with code ${code}`))
    })
    worker.once('message', (message: { type: string; url: string }) => {
      clearTimeout(timer)
      if (message.type === 'ready') resolve(message.url)
      else reject(new Error(`unexpected message from simulator thread: ${JSON.stringify(message)}`))
    })
  }).catch(async (error: unknown) => {
    await worker.terminate()
    throw error
  })
  let closed = false
  return {
    url,
    close: async () => {
      if (closed) return
      closed = true
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3_000)
        worker.once('message', () => {
          clearTimeout(timer)
          resolve()
        })
        worker.postMessage('close')
      })
      await worker.terminate()
    },
  }
}
