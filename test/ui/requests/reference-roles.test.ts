import { describe, expect, test } from 'vitest'
import { assignRole, rolesIssue, roleOf, splitByRole } from '../../../ui/requests/reference-roles'
import { makeNode } from '../fixtures'

const [a, b, c, d] = ['1:1', '1:2', '1:3', '1:4'].map((id, i) => makeNode({ id, name: ['Bottle', 'Sneaker', 'Beach', 'Swatch'][i] }))

describe('roles', () => {
  test('every image starts as a subject', () => {
    expect(roleOf({}, a.id)).toBe('subject')
    expect(splitByRole([a, b, c], {})).toEqual({ subjects: [a, b, c], scene: null, style: null })
  })

  test('a second scene takes the role over; the first goes back to being a subject', () => {
    let roles = assignRole({}, c.id, 'scene')
    roles = assignRole(roles, d.id, 'style')
    expect(splitByRole([a, b, c, d], roles)).toEqual({ subjects: [a, b], scene: c, style: d })
    roles = assignRole(roles, b.id, 'scene')
    expect(roles).toEqual({ [b.id]: 'scene', [d.id]: 'style' })
    expect(splitByRole([a, b, c, d], roles)).toEqual({ subjects: [a, c], scene: b, style: d })
  })

  test('an image moved from scene to style frees the scene, and back to subject frees both', () => {
    let roles = assignRole({}, c.id, 'scene')
    roles = assignRole(roles, c.id, 'style')
    expect(roles).toEqual({ [c.id]: 'style' })
    expect(assignRole(roles, c.id, 'subject')).toEqual({})
  })

  test('a map naming two scenes (from an older selection) keeps the first in selection order', () => {
    expect(splitByRole([a, b, c], { [b.id]: 'scene', [c.id]: 'scene' })).toEqual({ subjects: [a, c], scene: b, style: null })
  })

  test('at least one subject, and no more than the model combines', () => {
    expect(rolesIssue(splitByRole([c, d], { [c.id]: 'scene', [d.id]: 'style' }), 4)).toBe('Mark at least one image as Subject.')
    expect(rolesIssue(splitByRole([a, b, c], {}), 2)).toBe('At most 2 subjects can be combined.')
    expect(rolesIssue(splitByRole([a, b, c], { [c.id]: 'style' }), 4)).toBeNull()
  })
})
