import { describe, expect, it } from 'vitest'
import { danglingReferences, imageReference, referencedImages } from '../../../shared/api/image-references'
import { CreateJobRequest, createJobIssues } from '../../../shared/api/schemas'

// The cross-field rules the server and the panel share, for the operations of issue 6.

const issues = (body: Record<string, unknown>) => {
  const parsed = CreateJobRequest.safeParse(body)
  if (!parsed.success) return parsed.error.issues.map((i) => i.path.join('.'))
  return createJobIssues(parsed.data).map((i) => i.path)
}

describe('<<<image_N>>> references', () => {
  it('finds every reference in order and names the dangling ones once', () => {
    expect(referencedImages('<<<image_2>>> on <<<image_1>>>, like <<<image_2>>>')).toEqual([2, 1, 2])
    expect(referencedImages('<<<image_x>>> <image_1> <<<IMAGE_1>>>')).toEqual([])
    expect(danglingReferences('<<<image_0>>> <<<image_3>>> <<<image_3>>> <<<image_2>>>', 2)).toEqual([0, 3])
    expect(imageReference(4)).toBe('<<<image_4>>>')
  })
})

describe('createJobIssues for omni and multi_reference', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['omni needs a prompt', { operation: 'omni', images: ['a'] }, ['prompt']],
    ['omni may have no images', { operation: 'omni', prompt: 'p' }, []],
    ['omni with 10 images', { operation: 'omni', prompt: 'p', images: Array(10).fill('a') }, []],
    ['omni with 11 images', { operation: 'omni', prompt: 'p', images: Array(11).fill('a') }, ['images']],
    ['a reference past the last image', { operation: 'omni', prompt: '<<<image_2>>>', images: ['a'] }, ['prompt']],
    ['references within the images', { operation: 'omni', prompt: '<<<image_2>>><<<image_1>>>', images: ['a', 'b'] }, []],
    ['a series needs series_amount', { operation: 'omni', prompt: 'p', result_type: 'series' }, ['series_amount']],
    ['a series takes no n', { operation: 'omni', prompt: 'p', result_type: 'series', series_amount: 2, n: 2 }, ['n']],
    ['series_amount without a series', { operation: 'omni', prompt: 'p', series_amount: 2 }, ['series_amount']],
    ['series_amount out of range', { operation: 'omni', prompt: 'p', result_type: 'series', series_amount: 1 }, ['series_amount']],
    ['result_type outside omni', { operation: 'generate', prompt: 'p', result_type: 'single' }, ['result_type']],
    ['auto outside omni', { operation: 'generate', prompt: 'p', aspect_ratio: 'auto' }, ['aspect_ratio']],
    ['negative_prompt with omni', { operation: 'omni', prompt: 'p', negative_prompt: 'n' }, ['negative_prompt']],
    ['multi_reference: prompt optional, negative_prompt allowed', { operation: 'multi_reference', subject_images: ['a'], negative_prompt: 'n' }, []],
    ['multi_reference needs subjects', { operation: 'multi_reference', scene_image: 'a' }, ['subject_images']],
    ['multi_reference with 5 subjects', { operation: 'multi_reference', subject_images: Array(5).fill('a') }, ['subject_images']],
    ['scene_image outside multi_reference', { operation: 'generate', prompt: 'p', scene_image: 'a' }, ['scene_image']],
  ])('%s', (_name, body, paths) => {
    expect(issues(body)).toEqual(paths)
  })
})
