/**
 * Starts what the browser suite drives, once for the whole run: the Kling simulator, the real Worker under
 * `wrangler dev` (with its own throw-away D1/R2 state) and the playground serving the plugin, built for this
 * Worker's origin so that the manifest's networkAccess (and so the plugin window's CSP) allows it. Their URLs
 * reach the tests through `provide()` / `inject()`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startWorker } from '../../scripts/lib/worker-process'
import { startPlayground } from '../playground/serve'
import { startKlingSimulator } from '../simulator/kling-simulator'
import { buildPlugin } from '../../scripts/build'
import { E2E } from './support/env'
import { portOrFree } from './support/ports'

declare module 'vitest' {
  export interface ProvidedContext {
    simUrl: string
    workerUrl: string
    playgroundUrl: string
    clientToken: string
    /** The Worker as the plugin reaches it: `http://localhost:<port>`, the origin its manifest declares. */
    pluginBackendUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cleanups: (() => Promise<unknown>)[] = []
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error('[e2e teardown]', error))
  }
  try {
    const sim = await startKlingSimulator({ port: await portOrFree(E2E.simPort), delayMs: E2E.simDelayMs })
    cleanups.push(() => sim.close())

    const persistTo = await mkdtemp(join(tmpdir(), 'kling-frames-e2e-'))
    cleanups.push(() => rm(persistTo, { recursive: true, force: true }))
    const workerPort = await portOrFree(E2E.workerPort)
    const workerUrl = `http://127.0.0.1:${workerPort}`
    const worker = await startWorker({
      port: workerPort,
      persistTo,
      vars: {
        KLING_API_BASE: sim.url,
        KLING_ACCESS_KEY: 'dev-access-key',
        KLING_SECRET_KEY: 'dev-secret-key',
        CLIENT_TOKENS: `${E2E.owner}:${E2E.token},${E2E.owner}:${E2E.rotatedToken}`,
        CALLBACK_SECRET: 'e2e-callback-secret',
        PUBLIC_BASE_URL: workerUrl,
        // The simulator here has no slot limit; the queue at a limit has its own tests (test/server/upstream-queue).
        UPSTREAM_CONCURRENCY: '24',
      },
    })
    cleanups.push(() => worker.stop())

    // Figma refuses IP literals in networkAccess, so the plugin is built for, and talks to, localhost.
    const pluginBackendUrl = `http://localhost:${workerPort}`
    const distDir = join(persistTo, 'dist')
    await buildPlugin({ backendUrl: pluginBackendUrl, outdir: distDir })
    const playground = await startPlayground({ port: await portOrFree(E2E.playgroundPort), distDir })
    cleanups.push(() => playground.close())

    project.provide('simUrl', sim.url)
    project.provide('workerUrl', worker.url.replace(/\/+$/, ''))
    project.provide('playgroundUrl', playground.url.replace(/\/+$/, ''))
    project.provide('clientToken', E2E.token)
    project.provide('pluginBackendUrl', pluginBackendUrl)
  } catch (error) {
    await teardown()
    throw error
  }
  return teardown
}
