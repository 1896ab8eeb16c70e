import { expect, test } from 'vitest'
import { createJobIssues } from '../../../shared/api/schemas'
import { DEFAULT_IMAGE_TO_IMAGE_FORM, planImageToImage } from '../../../ui/requests/image-to-image'
import { makeModel, makeNode } from '../fixtures'

const source = makeNode({ id: '3:1', name: 'Chair photo', width: 1024, height: 768, type: 'RECTANGLE', hasImage: true })
const form = { ...DEFAULT_IMAGE_TO_IMAGE_FORM, prompt: ' steel chair ', reference: 'face' as const, fidelity: 0.734, n: 2 }

test('the reference at its nearest ratio, with the options the model honours, placed beside it', () => {
  const spec = planImageToImage(form, source, 'QUJD', makeModel())
  expect(spec.request).toEqual({
    operation: 'image_to_image',
    model: 'kling-v3',
    prompt: 'steel chair',
    image: 'QUJD',
    aspect_ratio: '4:3',
    resolution: '1k',
    n: 2,
    client_ref: '3:1',
    image_reference: 'face',
    image_fidelity: 0.73,
  })
  expect(spec.placement).toEqual({ kind: 'beside', sourceId: '3:1' })
  expect(createJobIssues(spec.request!)).toEqual([])
})

test('options the model does not list are not sent', () => {
  const spec = planImageToImage(form, source, 'QUJD', makeModel({ parameters: [] }))
  expect(spec.request).not.toHaveProperty('image_reference')
  expect(spec.request).not.toHaveProperty('image_fidelity')
  expect(spec.request).not.toHaveProperty('negative_prompt')
})
