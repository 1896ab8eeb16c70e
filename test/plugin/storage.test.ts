import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PendingJob, Settings } from '../../shared/protocol/messages'
import { createMemoryStorage } from '../playground/emulator'
import { reopenPlugin, startPlugin, TEST_BACKEND_URL } from './harness'
import type { FigmaEmulator } from '../playground/emulator'

/** The document id as the plugin would give it, set before the plugin runs. */
function documentIdOf(emulator: FigmaEmulator): string {
  emulator.figma.root.setPluginData('documentId', 'doc_fixture')
  return 'doc_fixture'
}

const DEFAULTS: Settings = { backendUrl: TEST_BACKEND_URL, token: '', concurrency: 6, styleSuffix: '', exactFit: false }

afterEach(() => {
  vi.restoreAllMocks()
})

describe('settings', () => {
  it('are the defaults on a fresh install, with the backend URL the build baked in', async () => {
    const { client } = await startPlugin()
    expect(await client.call('loadSettings')).toEqual(DEFAULTS)
  })

  it('round-trip through clientStorage under settings/v1, cleaned up, across runs', async () => {
    const storage = createMemoryStorage()
    const first = await startPlugin({ storage })
    await first.client.call('saveSettings', {
      backendUrl: ` ${TEST_BACKEND_URL}/ `,
      token: ' tok_123 ',
      concurrency: 20,
      styleSuffix: ' soft light ',
      exactFit: true,
    })
    const expected = { backendUrl: TEST_BACKEND_URL, token: 'tok_123', concurrency: 6, styleSuffix: 'soft light', exactFit: true }
    expect(await first.figma.clientStorage.getAsync('settings/v1')).toEqual(expected)
    const second = await startPlugin({ storage })
    expect(await second.client.call('loadSettings')).toEqual(expected)
  })

  it('merge whatever stored fields are usable over the defaults', async () => {
    const { client } = await startPlugin({
      before: (emulator) =>
        emulator.figma.clientStorage.setAsync('settings/v1', { token: 'tok_kept', concurrency: '4', backendUrl: 42, retired: true }),
    })
    expect(await client.call('loadSettings')).toEqual({ ...DEFAULTS, token: 'tok_kept' })
  })

  it.each([['a string'], [null], [[1, 2]], [{ backendUrl: 'ftp://old.example' }], [{ concurrency: 0 }], [{ concurrency: 2.5 }]])(
    'fall back to the defaults for a stored %j',
    async (stored) => {
      const { client } = await startPlugin({ before: (emulator) => emulator.figma.clientStorage.setAsync('settings/v1', stored) })
      expect(await client.call('loadSettings')).toEqual(DEFAULTS)
    },
  )

  it('refuse a backend URL that is not http(s)', async () => {
    const { client } = await startPlugin()
    await expect(client.call('saveSettings', { ...DEFAULTS, backendUrl: 'kling-frames.workers.dev' })).rejects.toMatchObject({
      code: 'invalid_settings',
    })
    expect(await client.call('loadSettings')).toEqual(DEFAULTS)
  })

  it('refuse a backend that the manifest\'s networkAccess does not declare, naming it', async () => {
    const { client } = await startPlugin()
    const refused = client.call('saveSettings', { ...DEFAULTS, backendUrl: 'https://elsewhere.example.com' })
    await expect(refused).rejects.toMatchObject({ code: 'origin_not_allowed' })
    await expect(refused).rejects.toThrow(/networkAccess.*KLING_FRAMES_BACKEND_URL=https:\/\/elsewhere\.example\.com/)
    expect(await client.call('loadSettings')).toEqual(DEFAULTS)
    // The development domain of the manifest is allowed.
    await client.call('saveSettings', { ...DEFAULTS, backendUrl: 'http://localhost:8787' })
    expect(await client.call('loadSettings')).toMatchObject({ backendUrl: 'http://localhost:8787' })
  })

  it('never log the token', async () => {
    const logged: unknown[] = []
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args) => void logged.push(...args))
    }
    const { client } = await startPlugin()
    await client.call('saveSettings', { ...DEFAULTS, token: 'tok_secret_987' })
    await client.call('loadSettings')
    await client.call('saveSettings', { ...DEFAULTS, backendUrl: 'nope', token: 'tok_secret_987' }).catch(() => {})
    expect(JSON.stringify(logged.map(String))).not.toContain('tok_secret_987')
  })
})

describe('pending jobs', () => {
  const jobs: PendingJob[] = [
    {
      jobId: 'job_1',
      placement: { kind: 'fill', nodeIds: ['1:2', '1:3'] },
      meta: { jobId: 'job_1', operation: 'generate', prompt: 'Hero banner', model: 'kling-v3', aspectRatio: '16:9' },
      label: '2 placeholders, 16:9',
      startedAt: 1_700_000_000_000,
    },
    {
      jobId: 'job_2',
      placement: { kind: 'expand', frameId: '1:9', sourceId: '1:10' },
      meta: { jobId: 'job_2', operation: 'expand', prompt: '', model: 'kling-v3' },
      label: 'Expand me',
      startedAt: 1_700_000_100_000,
      remaining: [{ top: 0.2, bottom: 0.2, left: 0.5, right: 0.5 }],
    },
    {
      // A series: new frames in a numbered row beside the references, two of its images already placed.
      jobId: 'job_3',
      placement: { kind: 'row', besideIds: ['1:4', '1:5'], numbered: true },
      meta: { jobId: 'job_3', operation: 'omni', prompt: 'Poster series', model: 'kling-v3-omni' },
      label: 'Poster series',
      startedAt: 1_700_000_200_000,
      placed: [0, 1],
    },
  ]

  it('start empty', async () => {
    const { client } = await startPlugin()
    expect(await client.call('loadPendingJobs')).toEqual([])
  })

  it('round-trip through clientStorage under jobs/v2/<document id>, across runs', async () => {
    const storage = createMemoryStorage()
    const first = await startPlugin({ storage })
    await first.client.call('savePendingJobs', { put: jobs, remove: [] })
    const id = first.figma.root.getPluginData('documentId')
    expect(id).toMatch(/^doc_[a-z0-9]{12,}$/)
    expect(await first.figma.clientStorage.getAsync(`jobs/v2/${id}`)).toEqual(jobs)
    const second = await reopenPlugin(first, { command: 'open' })
    expect(second.figma.root.getPluginData('documentId'), 'the id is given once').toBe(id)
    expect(await second.client.call('loadPendingJobs')).toEqual(jobs)
    await second.client.call('savePendingJobs', { put: [], remove: jobs.map((j) => j.jobId) })
    expect(await second.client.call('loadPendingJobs')).toEqual([])
    expect(await second.figma.clientStorage.keysAsync()).not.toContain(`jobs/v2/${id}`)
  })

  it('merge updates by job id instead of rewriting the list', async () => {
    const { client } = await startPlugin()
    await client.call('savePendingJobs', { put: [jobs[0]], remove: [] })
    // Another window on the same file adds its job; this one then finishes jobs[0] and starts none.
    await client.call('savePendingJobs', { put: [jobs[1]], remove: [] })
    await client.call('savePendingJobs', { put: [], remove: [jobs[0].jobId] })
    expect(await client.call('loadPendingJobs')).toEqual([jobs[1]])
    // A put with a known id replaces that entry.
    const relabelled = { ...jobs[1], label: 'Renamed' }
    await client.call('savePendingJobs', { put: [relabelled], remove: [] })
    expect(await client.call('loadPendingJobs')).toEqual([relabelled])
  })

  it('never hand one file the jobs of another, though both share clientStorage', async () => {
    const storage = createMemoryStorage()
    const fileA = await startPlugin({ storage, scenario: 'placeholders' })
    await fileA.client.call('savePendingJobs', { put: [jobs[0]], remove: [] })
    // File B: another document on the same computer, with the same node ids (both from the same scenario).
    const fileB = await startPlugin({ storage, scenario: 'placeholders' })
    expect(fileB.figma.root.getPluginData('documentId')).not.toBe(fileA.figma.root.getPluginData('documentId'))
    expect(await fileB.client.call('loadPendingJobs')).toEqual([])
    await fileB.client.call('savePendingJobs', { put: [jobs[1]], remove: [] })
    expect(await fileA.client.call('loadPendingJobs')).toEqual([jobs[0]])
    expect(await fileB.client.call('loadPendingJobs')).toEqual([jobs[1]])
  })

  it('ignore the old global jobs/v1 list, which says nothing of the file its jobs belong to', async () => {
    const { client } = await startPlugin({ before: (emulator) => emulator.figma.clientStorage.setAsync('jobs/v1', jobs) })
    expect(await client.call('loadPendingJobs')).toEqual([])
  })

  it('drop malformed stored entries and keep the rest', async () => {
    const { client } = await startPlugin({
      before: (emulator) =>
        emulator.figma.clientStorage.setAsync(`jobs/v2/${documentIdOf(emulator)}`, [
          jobs[0],
          { jobId: 'job_x' },
          { ...jobs[1], placement: { kind: 'teleport' } },
          { ...jobs[1], remaining: [{ top: 'a lot' }] },
          'job_y',
          jobs[1],
          { ...jobs[2], placement: { kind: 'row', besideIds: [4], numbered: true } },
          { ...jobs[2], placed: ['first'] },
          jobs[2],
        ]),
    })
    expect(await client.call('loadPendingJobs')).toEqual(jobs)
  })
})

describe('notify', () => {
  it('shows a toast, as an error when asked, cut to what Figma displays', async () => {
    const run = await startPlugin()
    await run.client.call('notify', { message: 'Job failed: content rejected', error: true })
    await run.client.call('notify', { message: 'x'.repeat(150) })
    const [failed, long] = run.emulator.notifications.slice(-2)
    expect(failed).toMatchObject({ message: 'Job failed: content rejected', options: expect.objectContaining({ error: true }) })
    expect(long.message.length).toBeLessThanOrEqual(100)
  })
})
