import { describe, expect, test } from 'vitest'
import {
  chipsUsed,
  chipToken,
  danglingIssue,
  insertAtCursor,
  plainPrompt,
  promptChips,
  toWirePrompt,
  unknownTokens,
} from '../../../ui/requests/omni-prompt'
import { makeNode } from '../fixtures'

const nodes = [
  makeNode({ id: '1:1', name: 'Bottle' }),
  makeNode({ id: '1:2', name: 'Beach scene' }),
  makeNode({ id: '1:3', name: 'Bottle' }),
  makeNode({ id: '1:4', name: '  [odd]  name ' }),
]

describe('chips', () => {
  test('are numbered in selection order and labelled with unique layer names', () => {
    expect(promptChips(nodes)).toEqual([
      { nodeId: '1:1', number: 1, label: 'Bottle' },
      { nodeId: '1:2', number: 2, label: 'Beach scene' },
      { nodeId: '1:3', number: 3, label: 'Bottle (2)' },
      { nodeId: '1:4', number: 4, label: 'odd name' },
    ])
  })
})

describe('inserting at the cursor', () => {
  test('pads with spaces where the reference would touch a word, and puts the caret after it', () => {
    expect(insertAtCursor('Put on the sand', 3, 3, '[Bottle]')).toEqual({ text: 'Put [Bottle] on the sand', caret: 12 })
    expect(insertAtCursor('', 0, 0, '[Bottle]')).toEqual({ text: '[Bottle] ', caret: 9 })
    expect(insertAtCursor('On ', 3, 3, '[Beach scene]')).toEqual({ text: 'On [Beach scene] ', caret: 17 })
    expect(insertAtCursor('with X.', 5, 6, '[Bottle]')).toEqual({ text: 'with [Bottle].', caret: 13 })
  })

  test('clamps a stale cursor to the text', () => {
    expect(insertAtCursor('abc', 10, 12, '[B]').text).toBe('abc [B] ')
  })
})

describe('the prompt sent', () => {
  const chips = promptChips(nodes)

  test('turns each chip into <<<image_N>>> and leaves all other text alone', () => {
    const display = `Put ${chipToken(chips[0])} and ${chipToken(chips[2])} on ${chipToken(chips[1])}, [not a chip], ${chipToken(chips[0])} again`
    expect(toWirePrompt(display, chips)).toBe(
      'Put <<<image_1>>> and <<<image_3>>> on <<<image_2>>>, [not a chip], <<<image_1>>> again',
    )
    expect(chipsUsed(display, chips)).toEqual([1, 3, 2])
    expect(plainPrompt(display, chips)).toBe('Put Bottle and Bottle (2) on Beach scene, [not a chip], Bottle again')
  })

  test('names a reference typed by hand past the last image', () => {
    expect(danglingIssue('a <<<image_2>>> and <<<image_5>>>', 2)).toBe('The prompt refers to <<<image_5>>>, but only 2 images are selected.')
    expect(danglingIssue('<<<image_1>>>', 0)).toBe('The prompt refers to <<<image_1>>>, but no image is selected.')
    expect(danglingIssue('<<<image_1>>>', 1)).toBeNull()
  })
})

describe('names that are no chip', () => {
  test('are the bracketed names no selected image has, once each', () => {
    const chips = promptChips([makeNode({ id: '1:1', name: 'Bottle' })])
    expect(unknownTokens('[Bottle] on [Beach scene] by [Beach scene], [x\ny]', chips)).toEqual(['[Beach scene]'])
    expect(unknownTokens('[Bottle] alone', chips)).toEqual([])
  })
})
