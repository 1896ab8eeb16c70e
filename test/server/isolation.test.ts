/**
 * Owner isolation (issue 9, suite 5), through the public routes in workerd: alice owns jobs in every state, bob
 * (a valid token of another owner) reaches for them through every route. Each answer must be the one for a job that
 * does not exist at all, byte for byte and header for header, and alice's jobs must come out untouched. Signed
 * input and callback URLs are in isolation-signed-urls.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { app } from '../../server/app'
import { newJobId } from '../../server/jobs/job-id'
import { encodeChangeCursor } from '../../server/owner/change-cursor'
import { openApiDocument } from '../../server/routes/openapi-document'
import { call, createJob, getJob, pngBase64Async, resetWorld, simConfig, simStats, simTasks, TOKENS, usedToday, type Owner, type Reply } from './helpers'
import { methodOf, ROUTE_CASES } from './isolation-routes'

/** A's jobs by state; each the id and the number of images it asked for. */
type State = 'succeeded' | 'failed' | 'canceled' | 'running' | 'queued'
const jobs = {} as Record<State, { id: string; n: number }>
let bobJob: string

/** Status, headers and body of an answer, with `id` (if any) written as `{id}`: all a caller can observe. */
function observable(reply: Reply, id = '') {
  const headers = [...reply.headers].filter(([name]) => name !== 'date')
  return { status: reply.status, headers, body: id ? reply.text.replaceAll(id, '{id}') : reply.text }
}

/** The answer to `request` for alice's job, and for an id nobody has: they must be indistinguishable. */
async function expectSameAsUnknown(request: (id: string) => Promise<Reply>, id: string) {
  const unknown = newJobId()
  const [theirs, none] = [await request(id), await request(unknown)]
  expect(observable(theirs, id)).toEqual(observable(none, unknown))
  return theirs
}

const status = async (id: string, as: Owner = 'alice') => (await getJob(id, 0, { as })).body.status

beforeAll(async () => {
  await resetWorld({ delayMs: 300 })
  const image = await pngBase64Async(320, 300)
  // Running: 3 of the 5 slots, processing upstream after 15 s (the last state test waits for it), done after 45 s.
  await simConfig({ delayMs: 45_000 })
  const running = await createJob({ operation: 'image_to_image', prompt: 'a lighthouse', image, n: 3 })
  // Finished ones at a short delay: an image_to_image with an input and 2 results, and one the seller fails.
  await simConfig({ delayMs: 300 })
  const succeeded = await createJob({ operation: 'image_to_image', prompt: 'a harbour at dusk', image, n: 2 })
  const failed = await createJob({ operation: 'generate', prompt: 'an unsafe scene' })
  expect((await getJob(succeeded.body.id, 25)).body.status).toBe('succeeded')
  expect((await getJob(failed.body.id, 25)).body.status).toBe('failed')
  // Queued: needs 3 slots where 2 are free, so it waits in our own queue.
  await simConfig({ delayMs: 60_000 })
  const queued = await createJob({ operation: 'generate', prompt: 'a quay', aspect_ratio: '16:9', n: 3 })
  expect(queued.body.queue_position).toBe(1)
  const canceled = await createJob({ operation: 'generate', prompt: 'a pier' })
  await call(`/v1/jobs/${canceled.body.id}`, { method: 'DELETE' })
  Object.assign(jobs, {
    succeeded: { id: succeeded.body.id, n: 2 },
    failed: { id: failed.body.id, n: 1 },
    running: { id: running.body.id, n: 3 },
    queued: { id: queued.body.id, n: 3 },
    canceled: { id: canceled.body.id, n: 1 },
  })
  for (const state of ['succeeded', 'failed', 'canceled', 'queued'] as const) expect(await status(jobs[state].id), state).toBe(state)
  bobJob = (await createJob({ operation: 'generate', prompt: 'a boat' }, { as: 'bob' })).body.id
}, 60_000)

/** Alice's running job, once the seller reports it processing. */
async function untilRunning(id: string): Promise<void> {
  const until = Date.now() + 30_000
  while ((await status(id)) !== 'running') {
    if (Date.now() > until) throw new Error(`job ${id} never ran`)
    await new Promise((r) => setTimeout(r, 250))
  }
}

describe('isolation: the route list', () => {
  const appRoutes = app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`)

  it('has an isolation case for every route of the app, and no case for a route that is gone', () => {
    expect(appRoutes.sort()).toEqual(Object.keys(ROUTE_CASES).sort())
  })

  it('matches the routes the OpenAPI document describes', () => {
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>
    const documented = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
    expect(documented.sort()).toEqual(appRoutes.sort())
  })

  it('has no admin or simulator route in the Worker: such paths are unknown routes, and change nothing', async () => {
    const before = (await simTasks()).length
    for (const path of ['/__sim/reset', '/__sim/tasks', '/__sim/config', '/__tunnel/next', '/v1/__sim/reset', '/v1/admin', '/admin']) {
      for (const as of [null, 'alice'] as const) {
        for (const method of ['GET', 'POST']) {
          const reply = await call(path, { as, method, body: method === 'POST' ? {} : undefined })
          expect(reply.status, `${method} ${path}`).toBe(404)
          expect(reply.body.error).toEqual({ code: 'not_found', message: `No route ${method} ${path}.` })
        }
      }
    }
    expect(await simTasks()).toHaveLength(before)
  })
})

describe("isolation: another owner's token on alice's jobs", () => {
  it("GET /v1/jobs lists only bob's jobs, even with a cursor from alice's list", async () => {
    const own = await call('/v1/jobs?limit=100', { as: 'bob' })
    expect(own.body.jobs.map((j: { id: string }) => j.id)).toEqual([bobJob])
    const alicePage = await call('/v1/jobs?limit=1')
    expect(alicePage.body.next_cursor).toEqual(expect.any(String))
    const withAliceCursor = await call(`/v1/jobs?limit=100&cursor=${alicePage.body.next_cursor}`, { as: 'bob' })
    for (const reply of [own, withAliceCursor]) {
      expect(reply.status).toBe(200)
      for (const { id } of Object.values(jobs)) expect(reply.text).not.toContain(id)
    }
  })

  it("GET /v1/changes never carries alice's jobs: not at the start, not with alice's cursor, not while bob waits", async () => {
    const start = await call('/v1/changes', { as: 'bob' })
    expect(start.body.jobs.map((j: { id: string }) => j.id)).toEqual([bobJob])
    const aliceCursor = (await call('/v1/changes')).body.cursor as string
    // Alice's cursor means nothing in bob's feed: the same 400 as a cursor of a feed that never existed.
    const withAliceCursor = await call(`/v1/changes?after=${aliceCursor}&wait=1`, { as: 'bob' })
    const neverMade = await call(`/v1/changes?after=${encodeChangeCursor({ epoch: '0123456789abcdef', seq: 1 })}&wait=1`, { as: 'bob' })
    expect(withAliceCursor.status).toBe(400)
    expect(withAliceCursor.body.error.code).toBe('invalid_request')
    expect(observable(withAliceCursor)).toEqual(observable(neverMade))
    // Bob holds his feed open while alice's jobs change: nothing reaches him, and he is not woken early (which
    // would tell him alice was busy).
    const started = Date.now()
    const waiting = call(`/v1/changes?after=${start.body.cursor}&wait=3`, { as: 'bob' })
    await new Promise((r) => setTimeout(r, 300))
    const extra = await createJob({ operation: 'generate', prompt: 'a buoy' })
    await call(`/v1/jobs/${extra.body.id}`, { method: 'DELETE' })
    const waited = await waiting
    expect(waited.body).toEqual({ jobs: [], cursor: start.body.cursor })
    expect(Date.now() - started).toBeGreaterThanOrEqual(2900)
    for (const reply of [start, withAliceCursor, waited]) {
      for (const id of [...Object.values(jobs).map((j) => j.id), extra.body.id]) expect(reply.text).not.toContain(id)
    }
    // Alice's own feed did see both changes.
    const aliceChanges = await call(`/v1/changes?after=${aliceCursor}`)
    expect(aliceChanges.body.jobs.map((j: { id: string }) => j.id)).toContain(extra.body.id)
  })

  it("an Idempotency-Key alice used makes bob's own job, and each owner's repeat answers their own", async () => {
    const key = { 'Idempotency-Key': 'isolation-shared-key-1' }
    const body = { operation: 'generate', prompt: 'a shared key' }
    const alice = await createJob(body, { headers: key })
    const bob = await createJob(body, { as: 'bob', headers: key })
    expect([alice.status, bob.status]).toEqual([202, 202])
    expect(bob.body.id).not.toBe(alice.body.id)
    const bobAgain = await createJob(body, { as: 'bob', headers: key })
    const aliceAgain = await createJob(body, { headers: key })
    expect([bobAgain.status, bobAgain.body.id]).toEqual([200, bob.body.id])
    expect([aliceAgain.status, aliceAgain.body.id]).toEqual([200, alice.body.id])
    expect((await getJob(bob.body.id, 0, { as: 'bob' })).status).toBe(200)
    expect((await getJob(alice.body.id, 0, { as: 'bob' })).status).toBe(404)
    // One upstream task or queue entry each, not three.
    await call(`/v1/jobs/${alice.body.id}`, { method: 'DELETE' })
    await call(`/v1/jobs/${bob.body.id}`, { method: 'DELETE', as: 'bob' })
  })

  it("keeps budgets and active-job limits per owner: one owner's jobs never count against the other", async () => {
    const budget = async (as: Owner) => (await call('/v1/capabilities', { as })).body.budget
    const [aliceUsed, bobUsed] = [await usedToday('alice'), await usedToday('bob')]
    expect((await budget('alice')).used_today).toBe(aliceUsed)
    expect((await budget('bob')).used_today).toBe(bobUsed)
    // Bob's images are only his: his first job and the idempotent one (the failed one of alice's was refunded).
    expect(bobUsed).toBe(2)
    expect(aliceUsed).toBeGreaterThan(bobUsed)
    // A daily limit alice has reached refuses her, not bob.
    const limit = { DAILY_IMAGE_LIMIT: String(aliceUsed) }
    expect((await createJob({ operation: 'generate', prompt: 'p' }, { env: limit })).status).toBe(402)
    const bobWithin = await createJob({ operation: 'generate', prompt: 'p' }, { as: 'bob', env: limit })
    expect(bobWithin.status).toBe(202)
    expect((await budget('alice')).used_today).toBe(aliceUsed)
    // Active jobs: alice has 2 unfinished (running, queued), bob 2 (his first and the one above).
    const two = { MAX_ACTIVE_JOBS: '2' }
    expect((await createJob({ operation: 'generate', prompt: 'p' }, { env: two })).status).toBe(429)
    expect((await createJob({ operation: 'generate', prompt: 'p' }, { as: 'bob', env: two })).status).toBe(429)
    const three = { MAX_ACTIVE_JOBS: '3' }
    const bobThird = await createJob({ operation: 'generate', prompt: 'p' }, { as: 'bob', env: three })
    expect(bobThird.status).toBe(202)
    // Bob now has 3: alice, with 2, still gets her third.
    const aliceThird = await createJob({ operation: 'generate', prompt: 'p' }, { env: three })
    expect(aliceThird.status).toBe(202)
    expect((await createJob({ operation: 'generate', prompt: 'p' }, { as: 'bob', env: three })).status).toBe(429)
    expect((await createJob({ operation: 'generate', prompt: 'p' }, { env: three })).status).toBe(429)
    // Alice cancelling frees her slot, not bob's.
    await call(`/v1/jobs/${aliceThird.body.id}`, { method: 'DELETE' })
    expect((await createJob({ operation: 'generate', prompt: 'p' }, { as: 'bob', env: three })).status).toBe(429)
    const aliceAgain = await createJob({ operation: 'generate', prompt: 'p' }, { env: three })
    expect(aliceAgain.status).toBe(202)
    for (const [id, as] of [[aliceAgain.body.id, 'alice'], [bobWithin.body.id, 'bob'], [bobThird.body.id, 'bob']] as const) {
      await call(`/v1/jobs/${id}`, { method: 'DELETE', as })
    }
  })

})

describe('isolation: no token, a malformed, unknown or revoked one', () => {
  const bearerRoutes = Object.entries(ROUTE_CASES).filter(([, c]) => c.access === 'bearer')
  const badAuthorization: [string, Record<string, string>, Record<string, string>?][] = [
    ['no header', {}],
    ['empty', { Authorization: '' }],
    ['Bearer alone', { Authorization: 'Bearer' }],
    ['Basic scheme', { Authorization: `Basic ${btoa(`alice:${TOKENS.alice}`)}` }],
    ['unknown token', { Authorization: 'Bearer not-a-token-of-anyone' }],
    ["alice's token with a character more", { Authorization: `Bearer ${TOKENS.alice}x` }],
    ["alice's token less its last character", { Authorization: `Bearer ${TOKENS.alice.slice(0, -1)}` }],
    ["alice's token in upper case", { Authorization: `Bearer ${TOKENS.alice.toUpperCase()}` }],
    ['two tokens', { Authorization: `Bearer ${TOKENS.alice} ${TOKENS.bob}` }],
    ['the owner name as token', { Authorization: 'Bearer alice' }],
    ['the token in another header', { 'X-Api-Key': TOKENS.alice }],
    ['a revoked token (alice removed from CLIENT_TOKENS)', { Authorization: `Bearer ${TOKENS.alice}` }, { CLIENT_TOKENS: `bob:${TOKENS.bob}` }],
  ]

  it('answers 401 on every authenticated route, in one shape that names no route, job or owner', async () => {
    const reference = await call('/v1/capabilities', { as: null })
    expect(reference.status).toBe(401)
    expect(reference.body).toEqual({ error: { code: 'unauthorized', message: 'Missing or unknown client token: send Authorization: Bearer <token>.' } })
    const expected = observable(reference)
    let cases = 0
    for (const [route, { path, body }] of bearerRoutes) {
      for (const [what, headers, env] of badAuthorization) {
        // Alice's real job in the path: a missing token must reveal no more about it than about no job at all.
        for (const job of [jobs.succeeded.id, newJobId()]) {
          const reply = await call(path.replace('{job}', job), { as: null, method: methodOf(route), headers, body, env })
          expect(observable(reply, job), `${route}, ${what}`).toEqual(expected)
          cases++
        }
      }
    }
    expect(cases).toBe(bearerRoutes.length * badAuthorization.length * 2)
  })

  it('checks the token before the body: an invalid create without a token is 401, not 400', async () => {
    const before = (await simStats()).creates.generations
    const reply = await call('/v1/jobs', { as: null, method: 'POST', body: { operation: 'nonsense' } })
    expect(reply.status).toBe(401)
    expect((await simStats()).creates.generations).toBe(before)
  })

  it("lets a revoked owner's jobs be reached by nobody, and bob keeps working", async () => {
    const revoked = { CLIENT_TOKENS: `bob:${TOKENS.bob}` }
    expect((await getJob(jobs.running.id, 0, { env: revoked })).status).toBe(401)
    expect((await getJob(jobs.running.id, 0, { as: 'bob', env: revoked })).status).toBe(404)
    expect((await getJob(bobJob, 0, { as: 'bob', env: revoked })).status).toBe(200)
  })
})

describe('isolation: open and signed routes', () => {
  it('answers the open routes the same to anyone: nothing in them belongs to an owner', async () => {
    for (const [route, { path }] of Object.entries(ROUTE_CASES).filter(([, c]) => c.access === 'public')) {
      const answers = await Promise.all(([null, 'alice', 'bob'] as const).map((as) => call(path, { as })))
      expect(answers[0].status, route).toBe(200)
      for (const other of answers.slice(1)) expect(observable(other), route).toEqual(observable(answers[0]))
    }
  })

  it('grants nothing on signed routes for a bearer token: a bad signature is 404 with or without one', async () => {
    for (const [route, { path }] of Object.entries(ROUTE_CASES).filter(([, c]) => c.access === 'signed')) {
      const concrete = path.replace('{job}', jobs.running.id)
      const answers = await Promise.all(([null, 'alice', 'bob'] as const).map((as) => call(concrete, { as, method: methodOf(route), body: methodOf(route) === 'POST' ? {} : undefined, env: { PUBLIC_BASE_URL: 'http://127.0.0.1:1' } })))
      expect(answers[0].status, route).toBe(404)
      for (const other of answers.slice(1)) expect(observable(other), route).toEqual(observable(answers[0]))
    }
  })
})

describe("isolation: another owner's token on each of alice's jobs", () => {
  // Running last: it waits for the seller to report the task processing, while the others run meanwhile.
  const states = ['succeeded', 'failed', 'canceled', 'queued', 'running'] as const

  it.each(states)('%s job: GET, GET ?wait, HEAD, every image index and DELETE answer bob exactly as for a job that does not exist', async (state) => {
    const { id, n } = jobs[state]
    if (state === 'running') await untilRunning(id)
    expect(await status(id)).toBe(state)
    const creates = (await simTasks()).length
    const reply = await expectSameAsUnknown((job) => call(`/v1/jobs/${job}`, { as: 'bob' }), id)
    expect(reply.status).toBe(404)
    expect(reply.body.error).toEqual({ code: 'not_found', message: 'No job with this id.' })
    // Held requests must not wait on a job that is not bob's: timing would tell that it runs.
    const started = Date.now()
    await expectSameAsUnknown((job) => call(`/v1/jobs/${job}?wait=3`, { as: 'bob' }), id)
    expect(Date.now() - started).toBeLessThan(2500)
    await expectSameAsUnknown((job) => call(`/v1/jobs/${job}`, { as: 'bob', method: 'HEAD' }), id)
    for (const index of [...Array.from({ length: n + 1 }, (_, i) => i), 99]) {
      const image = await expectSameAsUnknown((job) => call(`/v1/jobs/${job}/images/${index}`, { as: 'bob' }), id)
      expect(image.status, `image ${index}`).toBe(404)
    }
    const deleted = await expectSameAsUnknown((job) => call(`/v1/jobs/${job}`, { as: 'bob', method: 'DELETE' }), id)
    expect(deleted.status).toBe(404)
    // Alice's job is as it was, still hers, and bob's attempts sent nothing upstream.
    expect(await status(id)).toBe(state)
    expect(await simTasks()).toHaveLength(creates)
  }, 40_000)

  it("still serves alice her own images: bob's 404s are not missing data", async () => {
    const { id } = jobs.succeeded
    for (const index of [0, 1]) {
      const reply = await call(`/v1/jobs/${id}/images/${index}`)
      expect(reply.status).toBe(200)
      expect(reply.headers.get('Content-Type')).toBe('image/png')
    }
  })

  it("left every job of alice's as it was after all of bob's attempts", async () => {
    for (const [state, { id }] of Object.entries(jobs)) expect(await status(id), state).toBe(state)
  })
})

