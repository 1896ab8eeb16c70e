/**
 * Multi-image reference: what each selected image is to Kling. Subjects are combined into one picture (1 to 4);
 * at most one image is the scene they are put into, and at most one the style it is drawn in.
 */
import type { NodeSummary } from '../../shared/protocol/messages'

export type ReferenceRole = 'subject' | 'scene' | 'style'

export const ROLE_LABEL: Record<ReferenceRole, string> = { subject: 'Subject', scene: 'Scene', style: 'Style' }

/** Roles by node id; a node not listed is a subject. */
export type RoleMap = Readonly<Record<string, ReferenceRole>>

export function roleOf(roles: RoleMap, nodeId: string): ReferenceRole {
  return roles[nodeId] ?? 'subject'
}

/**
 * Marks `nodeId` as `role`. Scene and Style are single: the image that held the role before becomes a subject
 * again, so a click never leaves the form in a state the user must untangle.
 */
export function assignRole(roles: RoleMap, nodeId: string, role: ReferenceRole): RoleMap {
  const next: Record<string, ReferenceRole> = {}
  for (const [id, current] of Object.entries(roles)) {
    if (id === nodeId) continue
    // The previous scene (or style) goes back to being a subject.
    if (role !== 'subject' && current === role) continue
    next[id] = current
  }
  if (role !== 'subject') next[nodeId] = role
  return next
}

export interface RoleSplit {
  subjects: NodeSummary[]
  scene: NodeSummary | null
  style: NodeSummary | null
}

/** The references by role, in selection order. A stale map (two scenes) keeps the first and demotes the rest. */
export function splitByRole(nodes: readonly NodeSummary[], roles: RoleMap): RoleSplit {
  const split: RoleSplit = { subjects: [], scene: null, style: null }
  for (const node of nodes) {
    const role = roleOf(roles, node.id)
    if (role === 'scene' && !split.scene) split.scene = node
    else if (role === 'style' && !split.style) split.style = node
    else split.subjects.push(node)
  }
  return split
}

/** Why these roles cannot be sent, or null. */
export function rolesIssue(split: RoleSplit, maxSubjects: number): string | null {
  if (split.subjects.length === 0) return 'Mark at least one image as Subject.'
  if (split.subjects.length > maxSubjects) return `At most ${maxSubjects} subjects can be combined.`
  return null
}
