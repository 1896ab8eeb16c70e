/**
 * One browser test per seller: the real plugin in the playground, against a Worker configured for that seller
 * (wrangler dev) and the seller's simulator, generates into two selected frames of different ratios.
 */
import { mkdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildPlugin } from '../../scripts/build'
import { startWorker, type WorkerProcess } from '../../scripts/lib/worker-process'
import { startPlayground, type PlaygroundServer } from '../playground/serve'
import type { AdminSellerTask, SellerSimulator } from '../sellers/seller-simulator'
import { sellerWorkerVars, startSellerSimulator, type Seller } from '../sellers/start-seller-simulator'
import { launchChromium } from './support/chromium'
import { E2E } from './support/env'
import { portOrFree } from './support/ports'
import { imageFill, Session } from './support/session'
import { SCREENSHOT_DIR, slug } from './support/suite'

const LABELS: Record<Seller, string> = { fal: 'fal.ai', pixeldojo: 'PixelDojo', apimodels: 'apimodels.app' }

describe.each<Seller>(['fal', 'pixeldojo', 'apimodels'])('seller %s', (seller) => {
  let sim: SellerSimulator
  let worker: WorkerProcess
  let playground: PlaygroundServer
  let browser: Browser
  let persistTo: string

  beforeAll(async () => {
    sim = await startSellerSimulator(seller, { delayMs: E2E.simDelayMs })
    persistTo = await mkdtemp(join(tmpdir(), `kling-frames-e2e-${seller}-`))
    const port = await portOrFree(0)
    worker = await startWorker({
      port,
      persistTo,
      timeoutMs: 120_000,
      vars: {
        ...sellerWorkerVars(seller, sim),
        CLIENT_TOKENS: `${E2E.owner}:${E2E.token}`,
        CALLBACK_SECRET: 'e2e-callback-secret',
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      },
    })
    // The panel may reach only the origin its manifest declares (the playground applies Figma's CSP), so this
    // seller's Worker gets a plugin built for it, as a team would build for its own backend.
    const distDir = join(persistTo, 'dist')
    await buildPlugin({ backendUrl: pluginBackendUrl(), outdir: distDir })
    playground = await startPlayground({ port: await portOrFree(0), distDir })
    browser = await launchChromium()
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
  }, 180_000)

  /** Figma refuses IP literals in networkAccess: the panel talks to localhost. */
  const pluginBackendUrl = () => worker.url.replace('127.0.0.1', 'localhost')

  afterAll(async () => {
    await browser?.close()
    await playground?.close()
    await worker?.stop()
    await sim?.close()
    if (persistTo) await rm(persistTo, { recursive: true, force: true })
  })

  test(`generate into two selected frames through ${seller}`, async () => {
    const session = await Session.create(browser)
    try {
      await session.goto({ playgroundUrl: playground.url, backendUrl: pluginBackendUrl(), token: E2E.token, scenario: 'placeholders' })
      await session.ui.getByTestId('status-bar').filter({ hasText: `${LABELS[seller]} · ` }).waitFor()
      await session.clickNode('Hero banner')
      await session.clickNode('Product card', true)
      await session.waitForDocument('two frames selected', (nodes) => nodes.filter((n) => n.selected).length === 2)
      await session.ui.getByLabel('Prompt', { exact: true }).fill('A quiet harbour at dawn, editorial photo')
      await session.press('Generate')

      const filled = await session.waitForDocument('both frames filled', (nodes) => {
        const frames = ['Hero banner', 'Product card'].map((name) => nodes.find((n) => n.name === name))
        return frames.every((f) => f && imageFill(f)) && frames
      })
      expect(imageFill(filled[0]!)).toMatchObject({ type: 'IMAGE', scaleMode: 'FILL', imageWidth: 1360, imageHeight: 768 })
      expect(imageFill(filled[1]!)).toMatchObject({ type: 'IMAGE', scaleMode: 'FILL', imageWidth: 1024, imageHeight: 1024 })

      const { tasks } = (await (await fetch(`${sim.url}/__sim/tasks`)).json()) as { tasks: AdminSellerTask[] }
      expect(tasks).toHaveLength(2)
      expect(tasks.map((t) => `${t.width}x${t.height}`).sort()).toEqual(['1024x1024', '1360x768'])
    } finally {
      await session.page.screenshot({ path: join(SCREENSHOT_DIR, `${slug(`seller ${seller} generate into two frames`)}.png`) }).catch(() => undefined)
      await session.close()
    }
  })
})
