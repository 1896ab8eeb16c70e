import { beforeEach, describe, expect, it } from 'vitest'
import { call, createJob, dbJob, env, getJob, jpegBase64, pngBase64Async, resetWorld, simConfig, simStats, simTasks, usedToday } from './helpers'

// Issue 6 through POST /v1/jobs against the simulator: multi-image reference, Omni, style transfer, the capability
// map's model_not_found / operation_not_supported, cost, and input images kept until the job ends.

beforeEach(() => resetWorld())

const inputsOf = async (jobId: string) => (await env.IMAGES.list({ prefix: `inputs/${jobId}/` })).objects.map((o) => o.key.split('/').pop()).sort()
const nothingUpstream = async () => {
  const creates = (await simStats()).creates
  expect(creates).toEqual({ generations: 0, expand: 0, 'multi-image2image': 0, 'omni-image': 0 })
}

describe('multi_reference', () => {
  it('sends subjects in order with scene and style to multi-image2image (kling-v2 by default), then succeeds with cost', async () => {
    const subjects = [await pngBase64Async(400, 300), jpegBase64(600, 800), `data:image/png;base64,${await pngBase64Async(300, 300)}`]
    const reply = await createJob({
      operation: 'multi_reference',
      prompt: 'the cup on the table',
      negative_prompt: 'blur',
      subject_images: subjects,
      scene_image: jpegBase64(800, 600),
      style_image: await pngBase64Async(320, 320),
      n: 2,
      aspect_ratio: '16:9',
    })
    expect(reply.status).toBe(202)
    expect(reply.body).toMatchObject({ operation: 'multi_reference', model: 'kling-v2', aspect_ratio: '16:9', resolution: null, n: 2, cost: null })
    const [task] = await simTasks()
    expect(task).toMatchObject({ endpoint: 'multi-image2image', model_name: 'kling-v2', external_task_id: reply.body.id })
    expect(task.request).toMatchObject({ prompt: 'the cup on the table', negative_prompt: 'blur', n: 2, aspect_ratio: '16:9' })
    expect(task.request.subject_image_list).toEqual([
      { subject_image: expect.stringMatching(/^<base64/) },
      { subject_image: expect.stringMatching(/^<base64/) },
      { subject_image: expect.stringMatching(/^<base64/) },
    ])
    expect(task.request).toHaveProperty('scene_image')
    expect(task.request).toHaveProperty('style_image')
    expect(task.request).not.toHaveProperty('resolution')
    expect(await inputsOf(reply.body.id)).toEqual(['scene_image', 'style_image', 'subject_images.0', 'subject_images.1', 'subject_images.2'])

    const done = await getJob(reply.body.id, 15)
    expect(done.body).toMatchObject({ status: 'succeeded', cost: { amount: 2, unit: 'kling_units' } })
    expect(done.body.images.map((i) => [i.width, i.height])).toEqual([[1360, 768], [1360, 768]])
    expect(await inputsOf(reply.body.id)).toEqual([])
    expect((await dbJob(reply.body.id))?.has_input).toBe(0)
  })

  it('runs on kling-v2-1 without a prompt', async () => {
    const reply = await createJob({ operation: 'multi_reference', model: 'kling-v2-1', subject_images: [await pngBase64Async(300, 300)] })
    expect(reply.status).toBe(202)
    const [task] = await simTasks()
    expect(task).toMatchObject({ endpoint: 'multi-image2image', model_name: 'kling-v2-1' })
    expect(task.request).not.toHaveProperty('prompt')
    expect(task.request.aspect_ratio).toBe('1:1')
  })

  it.each<[string, Record<string, unknown>, string]>([
    ['a model without multi_reference', { model: 'kling-v3' }, 'operation'],
    ['a resolution (the endpoint has none)', { resolution: '1k' }, 'resolution'],
    ['auto ratio', { aspect_ratio: 'auto' }, 'aspect_ratio'],
  ])('400 operation_not_supported for %s', async (_name, extra, path) => {
    const reply = await createJob({ operation: 'multi_reference', subject_images: [await pngBase64Async(300, 300)], ...extra })
    expect(reply.status).toBe(400)
    expect(reply.body.error.code).toBe(path === 'aspect_ratio' ? 'invalid_request' : 'operation_not_supported')
    expect(reply.body.error.details?.map((d: { path: string }) => d.path)).toEqual([path])
    await nothingUpstream()
  })

  it('checks every subject from its bytes and names the field path', async () => {
    const ok = await pngBase64Async(300, 300)
    const reply = await createJob({ operation: 'multi_reference', subject_images: [ok, ok, await pngBase64Async(200, 300)], style_image: 'R0lGODlhAQABAAAAACw=' })
    expect(reply.status).toBe(400)
    expect(reply.body.error.code).toBe('invalid_request')
    expect(reply.body.error.details).toEqual([
      { path: 'subject_images.2', message: expect.stringContaining('both sides must be at least 300 px') },
      { path: 'style_image', message: expect.stringMatching(/GIF|not a PNG or JPEG/) },
    ])
    await nothingUpstream()
    expect(await usedToday()).toBe(0)
  })

  it('validates the request shape: 1 to 4 subjects, no image or images fields', async () => {
    const ok = await pngBase64Async(300, 300)
    for (const body of [
      { operation: 'multi_reference', subject_images: [] },
      { operation: 'multi_reference', subject_images: [ok, ok, ok, ok, ok] },
      { operation: 'multi_reference', subject_images: [ok], image: ok },
      { operation: 'multi_reference', subject_images: [ok], images: [ok] },
      { operation: 'multi_reference' },
    ]) {
      const reply = await createJob(body)
      expect(reply.status, JSON.stringify(Object.keys(body))).toBe(400)
      expect(reply.body.error.code).toBe('invalid_request')
    }
    await nothingUpstream()
  })
})

describe('omni', () => {
  it('kling-image-o1 by default: image_list in the order of images, auto ratio, then n images', async () => {
    const images = [jpegBase64(600, 800), await pngBase64Async(400, 400)]
    const reply = await createJob({ operation: 'omni', prompt: 'put <<<image_2>>> into <<<image_1>>>', images, n: 2 })
    expect(reply.status).toBe(202)
    expect(reply.body).toMatchObject({ operation: 'omni', model: 'kling-image-o1', aspect_ratio: 'auto', resolution: '1k', n: 2 })
    const [task] = await simTasks()
    expect(task).toMatchObject({ endpoint: 'omni-image', model_name: 'kling-image-o1' })
    expect(task.request).toMatchObject({ prompt: 'put <<<image_2>>> into <<<image_1>>>', aspect_ratio: 'auto', resolution: '1k', n: 2 })
    expect(task.request.image_list).toHaveLength(2)
    expect(task.request).not.toHaveProperty('result_type')
    const done = await getJob(reply.body.id, 15)
    // auto follows the first image (600x800 → 3:4).
    expect(done.body).toMatchObject({ status: 'succeeded', cost: { amount: 2, unit: 'kling_units' } })
    expect(done.body.images.map((i) => [i.width, i.height])).toEqual([[880, 1168], [880, 1168]])
    expect(await inputsOf(reply.body.id)).toEqual([])
  })

  it('kling-v3-omni series: series_amount images in order, charged and counted as the job\'s n', async () => {
    const reply = await createJob({ operation: 'omni', model: 'kling-v3-omni', prompt: 'a storyboard', result_type: 'series', series_amount: 3, aspect_ratio: '16:9' })
    expect(reply.status).toBe(202)
    expect(reply.body).toMatchObject({ n: 3, aspect_ratio: '16:9' })
    expect(await usedToday()).toBe(3)
    const [task] = await simTasks()
    expect(task.request).toMatchObject({ model_name: 'kling-v3-omni', result_type: 'series', series_amount: 3 })
    expect(task.request).not.toHaveProperty('n')
    expect(task.request).not.toHaveProperty('image_list')
    const done = await getJob(reply.body.id, 15)
    expect(done.body.status).toBe('succeeded')
    expect(done.body.images.map((i) => i.index)).toEqual([0, 1, 2])
    expect(done.body.cost).toEqual({ amount: 3, unit: 'kling_units' })
  })

  it('kling-v3-omni takes 4k', async () => {
    const reply = await createJob({ operation: 'omni', model: 'kling-v3-omni', prompt: 'p', resolution: '4k', aspect_ratio: '1:1' })
    expect(reply.status).toBe(202)
    expect((await simTasks())[0].request).toMatchObject({ resolution: '4k', aspect_ratio: '1:1' })
  })

  it('kling-image-o1 with a prompt alone defaults to 1:1 (its auto needs a reference image)', async () => {
    const reply = await createJob({ operation: 'omni', prompt: 'a lighthouse' })
    expect(reply.status).toBe(202)
    expect(reply.body.aspect_ratio).toBe('1:1')
    expect((await simTasks())[0].request.aspect_ratio).toBe('1:1')
  })

  it('a <<<image_N>>> past the last image is 400 naming prompt', async () => {
    const reply = await createJob({ operation: 'omni', prompt: '<<<image_1>>> meets <<<image_3>>>', images: [await pngBase64Async(300, 300)] })
    expect(reply.status).toBe(400)
    expect(reply.body.error).toMatchObject({ code: 'invalid_request' })
    expect(reply.body.error.details).toEqual([{ path: 'prompt', message: expect.stringContaining('<<<image_3>>>') }])
    await nothingUpstream()
  })

  it.each<[string, Record<string, unknown>, string[]]>([
    ['4k on kling-image-o1', { resolution: '4k', aspect_ratio: '1:1' }, ['resolution']],
    ['a series on kling-image-o1', { result_type: 'series', series_amount: 3, aspect_ratio: '1:1' }, ['series_amount', 'result_type']],
    ['auto without images on kling-image-o1', { aspect_ratio: 'auto' }, ['aspect_ratio']],
    ['negative_prompt on omni', { negative_prompt: 'x' }, []],
    ['a model that does not do omni', { model: 'kling-v3' }, ['operation']],
  ])('refuses %s before anything goes upstream', async (_name, extra, paths) => {
    const reply = await createJob({ operation: 'omni', prompt: 'p', ...extra })
    expect(reply.status).toBe(400)
    if (paths.length) {
      expect(reply.body.error.code).toBe('operation_not_supported')
      expect(reply.body.error.details!.map((d: { path: string }) => d.path).sort()).toEqual([...paths].sort())
      expect(reply.body.error.message).toMatch(/kling-/)
    } else expect(reply.body.error.code).toBe('invalid_request')
    await nothingUpstream()
  })

  it('validates the shape: prompt required, up to 10 images, series rules, omni-only fields', async () => {
    const ok = await pngBase64Async(300, 300)
    const cases: [Record<string, unknown>, string][] = [
      [{ operation: 'omni', images: [ok] }, 'prompt'],
      [{ operation: 'omni', prompt: 'p', images: Array(11).fill(ok) }, 'images'],
      [{ operation: 'omni', model: 'kling-v3-omni', prompt: 'p', result_type: 'series' }, 'series_amount'],
      [{ operation: 'omni', model: 'kling-v3-omni', prompt: 'p', result_type: 'series', series_amount: 3, n: 2 }, 'n'],
      [{ operation: 'omni', model: 'kling-v3-omni', prompt: 'p', series_amount: 3 }, 'series_amount'],
      [{ operation: 'omni', model: 'kling-v3-omni', prompt: 'p', result_type: 'series', series_amount: 10 }, 'series_amount'],
      [{ operation: 'generate', prompt: 'p', result_type: 'single' }, 'result_type'],
      [{ operation: 'omni', prompt: 'p', images: [ok, 'not base64!'] }, 'images.1'],
    ]
    for (const [body, path] of cases) {
      const reply = await createJob(body)
      expect(reply.status, path).toBe(400)
      expect(reply.body.error.code, path).toBe('invalid_request')
      expect(reply.body.error.details!.map((d: { path: string }) => d.path), path).toContain(path)
    }
    await nothingUpstream()
  })
})

describe('style transfer (image_to_image with kling-v2-new)', () => {
  it('sends neither ratio nor resolution, and the result keeps the input\'s 600x800', async () => {
    const reply = await createJob({ operation: 'image_to_image', model: 'kling-v2-new', prompt: 'as a watercolour', image: jpegBase64(600, 800) })
    expect(reply.status).toBe(202)
    expect(reply.body).toMatchObject({ model: 'kling-v2-new', aspect_ratio: null, resolution: null })
    const [task] = await simTasks()
    expect(task.request).not.toHaveProperty('aspect_ratio')
    expect(task.request).not.toHaveProperty('resolution')
    const done = await getJob(reply.body.id, 15)
    expect(done.body.status).toBe('succeeded')
    expect(done.body.images.map((i) => [i.width, i.height])).toEqual([[600, 800]])
  })

  it.each([['aspect_ratio', '3:4'], ['resolution', '1k']])('refuses %s with 400 operation_not_supported naming it', async (field, value) => {
    const reply = await createJob({ operation: 'image_to_image', model: 'kling-v2-new', prompt: 'p', image: jpegBase64(600, 800), [field]: value })
    expect(reply.status).toBe(400)
    expect(reply.body.error.code).toBe('operation_not_supported')
    expect(reply.body.error.message).toContain(`kling-v2-new cannot take ${field}`)
    expect(reply.body.error.details).toEqual([{ path: field, message: expect.stringContaining("keeps the input image's size") }])
    await nothingUpstream()
  })

  it('kling-v2-new cannot generate from a prompt alone', async () => {
    const reply = await createJob({ operation: 'generate', model: 'kling-v2-new', prompt: 'p' })
    expect([reply.status, reply.body.error.code]).toEqual([400, 'operation_not_supported'])
  })
})

describe('cost and inputs', () => {
  it('records Kling\'s final_unit_deduction for generate too', async () => {
    const reply = await createJob({ operation: 'generate', prompt: 'p', n: 3 })
    expect((await getJob(reply.body.id, 15)).body).toMatchObject({ status: 'succeeded', cost: { amount: 3, unit: 'kling_units' } })
    expect((await call(`/v1/jobs`)).body.jobs[0].cost).toEqual({ amount: 3, unit: 'kling_units' })
  })

  it('deletes the inputs when the job fails upstream', async () => {
    await simConfig({ faults: { failTasks: 1 } })
    const reply = await createJob({ operation: 'image_to_image', prompt: 'p', image: await pngBase64Async(300, 300) })
    expect(await inputsOf(reply.body.id)).toEqual(['image'])
    expect((await getJob(reply.body.id, 15)).body.status).toBe('failed')
    expect(await inputsOf(reply.body.id)).toEqual([])
  })

  it('deletes the inputs when the job is canceled', async () => {
    await simConfig({ delayMs: 60_000 })
    const reply = await createJob({ operation: 'omni', prompt: '<<<image_1>>>', images: [await pngBase64Async(300, 300)] })
    expect(await inputsOf(reply.body.id)).toEqual(['images.0'])
    expect((await call(`/v1/jobs/${reply.body.id}`, { method: 'DELETE' })).body.status).toBe('canceled')
    expect(await inputsOf(reply.body.id)).toEqual([])
  })

  it('deletes the inputs right away when Kling refuses the submission', async () => {
    await simConfig({ faults: { create: [{ status: 400, code: 1201, message: 'bad' }] } })
    const reply = await createJob({ operation: 'expand', image: await pngBase64Async(300, 300), expansion: { top: 0.5, bottom: 0, left: 0, right: 0 } })
    expect(reply.status).toBe(502)
    const [job] = (await call('/v1/jobs')).body.jobs
    expect(job.status).toBe('failed')
    expect(await inputsOf(job.id)).toEqual([])
  })
})
