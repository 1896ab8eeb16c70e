/**
 * Owner isolation (issue 9, suite 5) for the routes a signed path token authorises: `GET /v1/inputs/{token}` and
 * `POST /v1/callbacks/{provider}/{token}`. A token minted for one job, image and owner must open nothing else: its
 * parts swapped, re-encoded or moved to another route answer 404 exactly as a token we never made, and the job it
 * reaches for is left untouched.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { callbackTokenAsync, verifyCallbackTokenAsync } from '../../server/auth/callback-token'
import { inputTokenAsync } from '../../server/auth/input-token'
import { call, callRaw, createJob, env, inOwner, pngBase64Async, resetWorld, simConfig, simStats, simTasks, TEST_VARS, toBase64, type Owner, type Reply } from './helpers'
import { withTunnelAsync } from './tunnel-pump'

const SECRET = TEST_VARS.CALLBACK_SECRET
const b64url = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const fromB64url = (text: string) => atob(text.replace(/-/g, '+').replace(/_/g, '/'))
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
/** The last character of a 32-byte MAC carries 2 unused bits: flipping one spells the same bytes differently. */
const otherSpelling = (last: string) => ALPHABET[ALPHABET.indexOf(last) ^ 1]

/** No upstream read is due for a minute: any read from here on was caused by a request under test. */
async function freezePolls(): Promise<void> {
  for (const owner of ['alice', 'bob'] as const) {
    await inOwner(owner, (mem) => {
      for (const entry of mem.store.active.values()) for (const task of entry.tasks) mem.nextStep.set(task.task_key, Date.now() + 60_000)
    })
  }
}

/** The first value of `read` that passes `ok`, within 3 s. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const until = Date.now() + 3_000
  for (;;) {
    const value = await read()
    if (ok(value)) return value
    if (Date.now() > until) throw new Error(`never happened: ${JSON.stringify(value).slice(0, 200)}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Time for any upstream read a request might have started to reach the simulator. */
const settle = () => new Promise((r) => setTimeout(r, 300))

/** Everything a caller can observe of an answer. */
const observable = (reply: Reply) => ({ status: reply.status, headers: [...reply.headers], body: reply.text })

describe('isolation: signed input URLs (GET /v1/inputs/{token})', () => {
  const apimodels = { PROVIDER: 'apimodels', PUBLIC_BASE_URL: env.TEST_TUNNEL_URL! }
  const seller = (path: string, body?: unknown) =>
    fetch(env.APIMODELS_API_BASE + path, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json() as Promise<any>)
  const input = (token: string) => call(`/v1/inputs/${token}`, { as: null, env: apimodels })

  /** Alice's X (two subject images), alice's Y and bob's Z (one image each); the input token of each slot. */
  const t = {} as { x0: string; x1: string; y: string; z: string; xId: string; yId: string; zId: string; subjects: string[] }
  /** The answer to a token we never made: what every refused token must look like. */
  let unknown: ReturnType<typeof observable>

  beforeAll(async () => {
    await resetWorld()
    await seller('/__sim/reset', { delayMs: 60_000 })
    const subjects = [await pngBase64Async(320, 300), await pngBase64Async(340, 300)]
    const image = await pngBase64Async(300, 320)
    const create = (body: Record<string, unknown>, as: Owner) => withTunnelAsync(env.TEST_TUNNEL_URL!, apimodels, () => createJob(body, { as, env: apimodels }))
    const x = await create({ operation: 'multi_reference', model: 'kling-v2-1', prompt: 'two friends', subject_images: subjects }, 'alice')
    const y = await create({ operation: 'image_to_image', prompt: 'a boat', image }, 'alice')
    const z = await create({ operation: 'image_to_image', prompt: 'a boat', image }, 'bob')
    expect([x.status, y.status, z.status]).toEqual([202, 202, 202])
    const tasks = (await seller('/__sim/tasks')).tasks as { body: { image_url?: string; subject_image_list?: { subject_image: string }[] } }[]
    const tokenOf = (url: string | undefined) => new URL(url!).pathname.split('/').pop()!
    const [tx, ty, tz] = tasks
    Object.assign(t, {
      x0: tokenOf(tx.body.subject_image_list?.[0].subject_image),
      x1: tokenOf(tx.body.subject_image_list?.[1].subject_image),
      y: tokenOf(ty.body.image_url),
      z: tokenOf(tz.body.image_url),
      xId: x.body.id,
      yId: y.body.id,
      zId: z.body.id,
      subjects,
    })
    unknown = observable(await input('bm90LW91cnM.bm90LW91cnM'))
    expect(unknown.status).toBe(404)
    expect(JSON.parse(unknown.body)).toEqual({ error: { code: 'not_found', message: 'No such input.' } })
  }, 30_000)
  // The seller simulator is shared by every file: back to its startup settings.
  afterAll(() => seller('/__sim/reset'))

  /** A token's payload as its fields, and a payload of changed fields, base64url. */
  const payloadOf = (token: string) => JSON.parse(fromB64url(token.split('.')[0])) as { o: string; j: string; s: string; e: number }
  const withPayload = (token: string, patch: Record<string, unknown>) => `${b64url(JSON.stringify({ ...payloadOf(token), ...patch }))}.${token.split('.')[1]}`
  const macOf = (token: string) => token.split('.')[1]

  it('serves each image of a running job under its own token only', async () => {
    expect(payloadOf(t.x0)).toMatchObject({ o: 'alice', j: t.xId, s: 'subject_images.0' })
    expect(payloadOf(t.z)).toMatchObject({ o: 'bob', j: t.zId, s: 'image' })
    for (const [token, bytes] of [[t.x0, t.subjects[0]], [t.x1, t.subjects[1]]] as const) {
      const reply = await callRaw(`/v1/inputs/${token}`, {}, apimodels)
      expect(reply.status).toBe(200)
      // Binary: compared as base64, the form it was uploaded in.
      expect(toBase64(new Uint8Array(await reply.arrayBuffer()))).toBe(bytes)
    }
  })

  it("refuses a token whose job, image, owner or expiry was changed, or whose MAC is another token's, as a token we never made", async () => {
    const far = Date.now() + 50 * 60 * 1000
    const tampered: Record<string, string> = {
      "another job of alice's (Y)": withPayload(t.x0, { j: t.yId }),
      "bob's job (Z)": withPayload(t.x0, { j: t.zId }),
      "bob's job and owner": withPayload(t.x0, { o: 'bob', j: t.zId }),
      'the other image of the same job': withPayload(t.x0, { s: 'subject_images.1' }),
      'an image the job does not have': withPayload(t.x0, { s: 'image' }),
      'another owner': withPayload(t.x0, { o: 'bob' }),
      'a later expiry': withPayload(t.x0, { e: far }),
      "Y's payload with X's MAC": `${t.y.split('.')[0]}.${macOf(t.x0)}`,
      "Z's payload with X's MAC": `${t.z.split('.')[0]}.${macOf(t.x0)}`,
      "X's payload with Z's MAC": `${t.x0.split('.')[0]}.${macOf(t.z)}`,
      "image 0's payload with image 1's MAC": `${t.x0.split('.')[0]}.${macOf(t.x1)}`,
      'the MAC cut by one character': t.x0.slice(0, -1),
      'a MAC of 4k+1 characters': `${t.x0.split('.')[0]}.${macOf(t.x0)}AA`,
      'the same MAC spelt another way': `${t.x0.slice(0, -1)}${otherSpelling(t.x0.slice(-1))}`,
      'a MAC of 5 characters': `${t.x0.split('.')[0]}.AAAAA`,
      'base64 padding added': `${t.x0}=`,
      'three parts': `${t.x0}.${macOf(t.x0)}`,
      'the MAC alone': macOf(t.x0),
      'the payload alone': t.x0.split('.')[0],
    }
    for (const [what, token] of Object.entries(tampered)) expect(observable(await input(token)), what).toEqual(unknown)
    // Each genuine token still works: the refusals were about the tampering.
    for (const token of [t.x0, t.x1, t.y, t.z]) expect((await input(token)).status).toBe(200)
  })

  it('refuses every one-character change, cut or extension of a genuine token as a token we never made (120 runs)', async () => {
    const good = t.x0
    const tamper = fc.oneof(
      fc.tuple(fc.nat(), fc.constantFrom(...`${ALPHABET}.=`)).map(([at, ch]) => good.slice(0, at % good.length) + ch + good.slice((at % good.length) + 1)),
      fc.nat().map((cut) => good.slice(0, cut % good.length)),
      fc.string({ minLength: 1, maxLength: 6 }).map((extra) => good + encodeURIComponent(extra)),
    )
    await fc.assert(
      fc.asyncProperty(tamper, async (token) => {
        fc.pre(token !== good && token.length > 0)
        expect(observable(await input(token)), token).toEqual(unknown)
      }),
      { numRuns: 120 },
    )
    expect((await input(good)).status).toBe(200)
  })

  it('refuses a genuinely signed token that names an owner who does not have the job, or an image it does not have', async () => {
    const far = Date.now() + 50 * 60 * 1000
    const minted = {
      "bob as the owner of alice's X": { owner: 'bob', jobId: t.xId, slot: 'subject_images.0', expiresAt: far },
      "alice as the owner of bob's Z": { owner: 'alice', jobId: t.zId, slot: 'image', expiresAt: far },
      "X's third subject image": { owner: 'alice', jobId: t.xId, slot: 'subject_images.2', expiresAt: far },
      "X's `image`": { owner: 'alice', jobId: t.xId, slot: 'image', expiresAt: far },
      'an owner nobody has': { owner: 'mallory', jobId: t.xId, slot: 'subject_images.0', expiresAt: far },
    }
    for (const [what, target] of Object.entries(minted)) expect(observable(await input(await inputTokenAsync(target, SECRET))), what).toEqual(unknown)
  })

  it('keeps input and callback tokens apart: neither works on the other route', async () => {
    const callbackX = await callbackTokenAsync({ owner: 'alice', jobId: t.xId }, SECRET)
    // A callback token on the input route, and a callback-shaped token carrying an input token's MAC.
    for (const token of [callbackX, `${t.xId}.${b64url('alice')}.${macOf(t.x0)}`, `${b64url('alice')}.${callbackX.split('.')[2]}`]) {
      expect(observable(await input(token)), token).toEqual(unknown)
    }
    // An input token, and its MAC in a callback token's shape, on the callback route: 404, and the seller is not asked.
    await freezePolls()
    const readsBefore = (await seller('/__sim/stats')).polls
    // The last reshapes an input MAC (`input \n payload`) as the callback token of an owner named "input" with the
    // payload as job id: callback MACs sign `callback \n owner \n job`, so the two kinds never verify each other.
    const reshaped = `${t.x0.split('.')[0]}.${b64url('input')}.${macOf(t.x0)}`
    expect(await verifyCallbackTokenAsync(reshaped, SECRET)).toBeNull()
    for (const token of [t.x0, `${t.xId}.${b64url('alice')}.${macOf(t.x0)}`, reshaped]) {
      const reply = await call(`/v1/callbacks/apimodels/${token}`, { as: null, method: 'POST', body: {}, env: apimodels })
      expect(reply.status, token).toBe(404)
      expect(reply.body.error).toEqual({ code: 'not_found', message: 'Unknown callback.' })
    }
    expect((await seller('/__sim/stats')).polls).toBe(readsBefore)
    // The genuine callback token does work there: the refusals above are not a broken route.
    expect((await call(`/v1/callbacks/apimodels/${callbackX}`, { as: null, method: 'POST', body: {}, env: apimodels })).status).toBe(204)
    await eventually(() => seller('/__sim/stats'), (stats) => stats.polls > readsBefore)
  })

  it("answers 404 once the job ends, for each of its images, and another job's input is still served", async () => {
    await call(`/v1/jobs/${t.xId}`, { method: 'DELETE', env: apimodels })
    for (const token of [t.x0, t.x1]) expect(observable(await input(token))).toEqual(unknown)
    expect((await input(t.y)).status).toBe(200)
    // Bob cancelling alice's Y is refused, and Y's input is still served.
    expect((await call(`/v1/jobs/${t.yId}`, { method: 'DELETE', as: 'bob', env: apimodels })).status).toBe(404)
    expect((await input(t.y)).status).toBe(200)
  })
})

describe('isolation: signed callback URLs (POST /v1/callbacks/{provider}/{token})', () => {
  const withCallbacks = { PUBLIC_BASE_URL: 'http://127.0.0.1:1' }
  const jobs = {} as Record<'x' | 'y' | 'z', { id: string; taskId: string; token: string }>
  let unknown: ReturnType<typeof observable>

  beforeEach(async () => {
    await resetWorld()
    await simConfig({ delayMs: 60_000 })
    const made = {
      x: await createJob({ operation: 'generate', prompt: 'x' }, { env: withCallbacks }),
      y: await createJob({ operation: 'generate', prompt: 'y' }, { env: withCallbacks }),
      z: await createJob({ operation: 'generate', prompt: 'z' }, { as: 'bob', env: withCallbacks }),
    }
    const tasks = await simTasks()
    for (const [name, reply] of Object.entries(made)) {
      const task = tasks.find((k) => k.external_task_id === reply.body.id)!
      jobs[name as 'x' | 'y' | 'z'] = { id: reply.body.id, taskId: task.task_id, token: new URL(task.callback_url!).pathname.split('/').pop()! }
    }
    await freezePolls()
    unknown = observable(await call('/v1/callbacks/kling/not.ours.x', { as: null, method: 'POST', body: {}, env: withCallbacks }))
    expect(JSON.parse(unknown.body)).toEqual({ error: { code: 'not_found', message: 'Unknown callback.' } })
  })

  /** How often the simulator was asked for each job's task. */
  const reads = async () => {
    const requests = (await simStats()).requests.filter((r) => r.method === 'GET')
    return Object.fromEntries(Object.entries(jobs).map(([name, job]) => [name, requests.filter((r) => r.path.includes(job.taskId)).length]))
  }
  const post = (provider: string, token: string) => call(`/v1/callbacks/${provider}/${token}`, { as: null, method: 'POST', body: { task_status: 'succeed' }, env: withCallbacks })

  it("refuses X's MAC on another job, another owner, or both, and leaves those jobs unread", async () => {
    const [, ownerPart, mac] = jobs.x.token.split('.')
    const bob = b64url('bob')
    const attempts: Record<string, string> = {
      "X's MAC on alice's Y": `${jobs.y.id}.${ownerPart}.${mac}`,
      "X's MAC on bob's Z": `${jobs.z.id}.${ownerPart}.${mac}`,
      "X's MAC with bob as owner": `${jobs.x.id}.${bob}.${mac}`,
      "X's MAC on Z with bob as owner": `${jobs.z.id}.${bob}.${mac}`,
      "Z's MAC on X": `${jobs.x.id}.${ownerPart}.${jobs.z.token.split('.')[2]}`,
      "Y's MAC on X": `${jobs.x.id}.${ownerPart}.${jobs.y.token.split('.')[2]}`,
      "X's token with the owner part padded": `${jobs.x.id}.${ownerPart}=.${mac}`,
      "X's token cut by one character": jobs.x.token.slice(0, -1),
      "X's token with a fourth part": `${jobs.x.token}.${mac}`,
    }
    const before = await reads()
    for (const [what, token] of Object.entries(attempts)) expect(observable(await post('kling', token)), what).toEqual(unknown)
    await settle()
    expect(await reads()).toEqual(before)
  })

  it('refuses a genuinely signed token naming an owner who does not have the job', async () => {
    const minted = {
      "bob as the owner of alice's X": await callbackTokenAsync({ owner: 'bob', jobId: jobs.x.id }, SECRET),
      "alice as the owner of bob's Z": await callbackTokenAsync({ owner: 'alice', jobId: jobs.z.id }, SECRET),
      'an owner nobody has': await callbackTokenAsync({ owner: 'mallory', jobId: jobs.x.id }, SECRET),
    }
    const before = await reads()
    for (const [what, token] of Object.entries(minted)) expect(observable(await post('kling', token)), what).toEqual(unknown)
    await settle()
    expect(await reads()).toEqual(before)
  })

  it("refuses X's genuine token on another provider's route, and accepts it on its own (the control)", async () => {
    const before = await reads()
    for (const provider of ['fal', 'apimodels', 'pixeldojo', 'KLING', 'kling%20']) {
      expect(observable(await post(provider, jobs.x.token)), provider).toEqual(unknown)
    }
    await settle()
    expect(await reads()).toEqual(before)
    // The genuine callback reads X, and only X (the read may still be under way as the 204 arrives).
    expect((await post('kling', jobs.x.token)).status).toBe(204)
    const after = await eventually(reads, (r) => r.x > before.x)
    expect([after.y, after.z]).toEqual([before.y, before.z])
  })
})
