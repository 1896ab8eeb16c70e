/**
 * The Image view's choices and jobs, against Kling's real capability map (what /v1/capabilities serves), so the
 * panel is tested with the models and rules it will actually meet.
 */
import { describe, expect, test } from 'vitest'
import { createJobIssues } from '../../../shared/api/schemas'
import { KLING_DEFAULT_MODELS, KLING_MODELS } from '../../../server/providers/kling-capabilities'
import { abilities, choiceKey, imageChoices, pickChoice, type ImageChoice } from '../../../ui/requests/image-choices'
import { DEFAULT_IMAGE_FORM, type ImageForm } from '../../../ui/requests/image-form'
import { imageJobIssue, imageJobSummary, planImageJob } from '../../../ui/requests/image-job'
import { makeCaps, makeNode } from '../fixtures'

const caps = { ...makeCaps(KLING_MODELS), default_models: KLING_DEFAULT_MODELS }
const bottle = makeNode({ id: '1:2', name: 'Bottle', width: 600, height: 800, hasImage: true })
const sneaker = makeNode({ id: '1:3', name: 'Sneaker', width: 800, height: 600, hasImage: true })
const beach = makeNode({ id: '1:5', name: 'Beach scene', width: 1200, height: 800, hasImage: true })
const swatch = makeNode({ id: '1:6', name: 'Style swatch', width: 600, height: 600, hasImage: true })
const uploads = new Map([bottle, sneaker, beach, swatch].map((n) => [n.id, `b64-${n.name}`]))

function choice(count: number, operation: ImageChoice['operation'], model: string): ImageChoice {
  const found = imageChoices(caps, count).find((c) => c.key === choiceKey(operation, model))
  if (!found) throw new Error(`${operation} with ${model} is not offered for ${count} images`)
  return found
}
const form = (over: Partial<ImageForm>): ImageForm => ({ ...DEFAULT_IMAGE_FORM, ...over })

describe('choices', () => {
  test('one image: image to image (Restyle among them) and Omni; the default is the backend’s image-to-image model', () => {
    const choices = imageChoices(caps, 1)
    expect(choices.map((c) => c.key)).toEqual([
      'image_to_image:kling-v3',
      'image_to_image:kling-v2-1',
      'image_to_image:kling-v2-new',
      'image_to_image:kling-v1-5',
      'image_to_image:kling-v1',
      'omni:kling-image-o1',
      'omni:kling-v3-omni',
    ])
    expect(pickChoice(caps, choices, '')?.key).toBe('image_to_image:kling-v3')
    expect(choices.find((c) => c.model.id === 'kling-v2-new')?.restyle).toBe(true)
  })

  test('two to four images: multi-image reference (default kling-v2) and Omni; five or none: nothing', () => {
    for (const count of [2, 3, 4]) {
      const choices = imageChoices(caps, count)
      expect(choices.map((c) => c.key)).toEqual([
        'multi_reference:kling-v2-1',
        'multi_reference:kling-v2',
        'omni:kling-image-o1',
        'omni:kling-v3-omni',
      ])
      expect(pickChoice(caps, choices, '')?.key).toBe('multi_reference:kling-v2')
    }
    expect(imageChoices(caps, 0)).toEqual([])
    expect(imageChoices(caps, 5).map((c) => c.operation)).toEqual(['omni', 'omni'])
  })

  test('a choice no longer offered (the selection grew) falls back to the default', () => {
    expect(pickChoice(caps, imageChoices(caps, 2), 'image_to_image:kling-v2-new')?.key).toBe('multi_reference:kling-v2')
    expect(pickChoice(caps, imageChoices(caps, 2), 'omni:kling-v3-omni')?.key).toBe('omni:kling-v3-omni')
  })

  test('the picker says what each model does, from its rules', () => {
    expect(abilities(choice(1, 'image_to_image', 'kling-v2-new'))).toEqual(['Restyle', 'keeps the size'])
    expect(abilities(choice(1, 'image_to_image', 'kling-v1-5'))).toEqual(['Image to image', 'subject or face'])
    expect(abilities(choice(1, 'omni', 'kling-v3-omni'))).toEqual(['Omni', 'series', '4K'])
    expect(abilities(choice(1, 'omni', 'kling-image-o1'))).toEqual(['Omni', '2K'])
    expect(abilities(choice(2, 'multi_reference', 'kling-v2'))).toEqual(['Multi-image reference', 'scene and style'])
  })
})

describe('restyle', () => {
  test('sends neither ratio nor resolution (the output keeps the input’s size) and lands beside the source', () => {
    const c = choice(1, 'image_to_image', 'kling-v2-new')
    const spec = planImageJob(form({ prompt: ' Watercolour ', resolution: '2k', aspect: '16:9', n: 2 }), [bottle], uploads, c)
    expect(spec.request).toEqual({ operation: 'image_to_image', model: 'kling-v2-new', prompt: 'Watercolour', image: 'b64-Bottle', n: 2, client_ref: '1:2' })
    expect(spec.placement).toEqual({ kind: 'beside', sourceId: '1:2' })
    expect(createJobIssues(spec.request!)).toEqual([])
    expect(imageJobSummary(form({ n: 2 }), [bottle], c)).toBe('2 restyled images at 600×800, beside Bottle')
  })
})

describe('multi-image reference', () => {
  const c = choice(4, 'multi_reference', 'kling-v2')

  test('subjects in selection order, the scene and the style in their own fields, the ratio of the scene', () => {
    const roles = { [beach.id]: 'scene', [swatch.id]: 'style' } as const
    const f = form({ prompt: ' On the beach ', negativePrompt: ' blur ', roles, n: 3, resolution: '2k' })
    const spec = planImageJob(f, [bottle, beach, sneaker, swatch], uploads, c)
    expect(spec.request).toEqual({
      operation: 'multi_reference',
      model: 'kling-v2',
      prompt: 'On the beach',
      negative_prompt: 'blur',
      subject_images: ['b64-Bottle', 'b64-Sneaker'],
      scene_image: 'b64-Beach scene',
      style_image: 'b64-Style swatch',
      // 1200x800 is nearest 3:2; multi-image2image takes no resolution.
      aspect_ratio: '3:2',
      n: 3,
      client_ref: '1:2,1:5,1:3,1:6',
    })
    expect(createJobIssues(spec.request!)).toEqual([])
    expect(spec.placement).toEqual({ kind: 'row', besideIds: ['1:2', '1:5', '1:3', '1:6'], numbered: false })
    expect(imageJobSummary(f, [bottle, beach, sneaker, swatch], c)).toBe('3 images from 2 subjects, a scene, a style')
  })

  test('the prompt is optional, a chosen ratio wins, and without a scene the first subject sets “match”', () => {
    const spec = planImageJob(form({ aspect: 'match' }), [bottle, sneaker], uploads, c)
    expect(spec.request).not.toHaveProperty('prompt')
    expect(spec.request?.aspect_ratio).toBe('3:4')
    expect(spec.meta.prompt).toBe('Bottle, Sneaker')
    expect(planImageJob(form({ aspect: '21:9' }), [bottle, sneaker], uploads, c).request?.aspect_ratio).toBe('21:9')
  })

  test('needs a subject', () => {
    const roles = { [beach.id]: 'scene', [swatch.id]: 'style' } as const
    expect(imageJobIssue(form({ roles }), [beach, swatch], c, 2500)).toBe('Mark at least one image as Subject.')
    expect(() => planImageJob(form({ roles }), [beach, swatch], uploads, c)).toThrow(/Subject/)
  })
})

describe('omni', () => {
  test('chips become <<<image_N>>>, images go in selection order, `auto` ratio by default, n variants', () => {
    const c = choice(2, 'omni', 'kling-image-o1')
    const f = form({ prompt: 'Put [Bottle] on [Beach scene]', n: 2, resolution: '2k', series: true })
    const spec = planImageJob(f, [bottle, beach], uploads, c)
    expect(spec.request).toEqual({
      operation: 'omni',
      model: 'kling-image-o1',
      prompt: 'Put <<<image_1>>> on <<<image_2>>>',
      images: ['b64-Bottle', 'b64-Beach scene'],
      aspect_ratio: 'auto',
      resolution: '2k',
      // kling-image-o1 offers no series: the form's series switch does not apply.
      n: 2,
      client_ref: '1:2,1:5',
    })
    expect(createJobIssues(spec.request!)).toEqual([])
    expect(spec.meta.prompt).toBe('Put Bottle on Beach scene')
    expect(spec.placement).toEqual({ kind: 'row', besideIds: ['1:2', '1:5'], numbered: false })
  })

  test('a series on kling-v3-omni: result_type and series_amount instead of n, 4K, numbered placement', () => {
    const c = choice(1, 'omni', 'kling-v3-omni')
    const f = form({ prompt: '[Bottle] washed up, storyboard', series: true, seriesAmount: 3, resolution: '4k', aspect: '16:9', n: 5 })
    const spec = planImageJob(f, [bottle], uploads, c)
    expect(spec.request).toEqual({
      operation: 'omni',
      model: 'kling-v3-omni',
      prompt: '<<<image_1>>> washed up, storyboard',
      images: ['b64-Bottle'],
      aspect_ratio: '16:9',
      resolution: '4k',
      result_type: 'series',
      series_amount: 3,
      client_ref: '1:2',
    })
    expect(createJobIssues(spec.request!)).toEqual([])
    expect(spec.placement).toEqual({ kind: 'row', besideIds: ['1:2'], numbered: true })
    expect(imageJobSummary(f, [bottle], c)).toBe('Series of 3 frames from 1 reference')
  })

  test('4K is not sent to a model that does not offer it, and a hand-typed reference past the last image is named', () => {
    const c = choice(1, 'omni', 'kling-image-o1')
    expect(planImageJob(form({ prompt: 'x', resolution: '4k' }), [bottle], uploads, c).request?.resolution).toBe('1k')
    expect(imageJobIssue(form({ prompt: '[Bottle] next to <<<image_2>>>' }), [bottle], c, 2500)).toBe(
      'The prompt refers to <<<image_2>>>, but only 1 image is selected.',
    )
    expect(imageJobIssue(form({ prompt: '  ' }), [bottle], c, 2500)).toBe('Write a prompt first.')
  })
})
