/**
 * Per-file harness: one Chromium for the file, a fresh browser context per test (clean localStorage, so the
 * plugin's stored settings and pending jobs never leak between tests), a screenshot after every test, pass or fail,
 * in test-results/e2e/<test name>.png, and the simulator reset before each test.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest'
import { Backend } from './backend'
import { launchChromium } from './chromium'
import { ROOT } from './env'
import { Session, type Scenario } from './session'
import { SimAdmin } from './sim-admin'

export const SCREENSHOT_DIR = join(ROOT, 'test-results/e2e')

export interface BrowserSuite {
  sim: SimAdmin
  backend: Backend
  /** The Worker's URL as the plugin is configured with it (localhost: the origin its manifest declares). */
  pluginBackendUrl: string
  open(options?: {
    scenario?: Scenario
    theme?: 'light' | 'dark'
    waitConnected?: boolean
    file?: string
    command?: string
    parameters?: Record<string, string>
    /** The backend the plugin is preset to (default: the suite's Worker, at the origin its manifest declares). */
    backendUrl?: string
  }): Promise<Session>
}

export function browserSuite(): BrowserSuite {
  const urls = {
    sim: inject('simUrl'),
    worker: inject('workerUrl'),
    pluginBackend: inject('pluginBackendUrl'),
    playground: inject('playgroundUrl'),
    token: inject('clientToken'),
  }
  const sim = new SimAdmin(urls.sim)
  const backend = new Backend(urls.worker, urls.token)
  let browser: Browser | undefined
  const sessions: Session[] = []

  beforeAll(async () => {
    browser = await launchChromium()
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
  })
  afterAll(async () => {
    await browser?.close()
  })
  beforeEach(async () => {
    await sim.reset()
  })
  afterEach(async (context) => {
    const name = slug(context.task.name)
    for (const [index, session] of sessions.entries()) {
      const path = join(SCREENSHOT_DIR, `${name}${index ? `-${index + 1}` : ''}.png`)
      await session.page.screenshot({ path, timeout: 10_000 }).catch((error: unknown) => console.warn(`screenshot ${path}: ${String(error)}`))
      if (context.task.result?.state === 'fail' && session.log.length) {
        console.log(`Browser log for "${context.task.name}":\n${session.log.slice(-40).join('\n')}`)
      }
      await session.close()
    }
    sessions.length = 0
  })

  return {
    sim,
    backend,
    pluginBackendUrl: urls.pluginBackend,
    async open(options = {}) {
      if (!browser) throw new Error('Chromium is not running (beforeAll failed?)')
      const session = await Session.create(browser)
      sessions.push(session)
      return session.goto({ playgroundUrl: urls.playground, backendUrl: urls.pluginBackend, token: urls.token, ...options })
    },
  }
}

/** A file name from a test name: "generate with no selection" → "generate-with-no-selection". */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
}
