import { createServer } from 'node:net'

/** `preferred` when it is free on 127.0.0.1, else any free port (two runs on one machine must not collide). */
export async function portOrFree(preferred: number): Promise<number> {
  return (await tryListen(preferred)) ?? (await tryListen(0))!
}

function tryListen(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(null))
    server.listen(port, '127.0.0.1', () => {
      const actual = (server.address() as { port: number }).port
      server.close(() => resolve(actual))
    })
  })
}
