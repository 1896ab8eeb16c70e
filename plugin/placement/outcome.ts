// Main thread: what a placement did, before it is marked, committed and reported.

export interface Skip {
  /** The target that did not get its image; empty for images that had no target (new frames). */
  nodeId: string
  reason: string
  /** The target no longer exists: it was deleted while the job ran. */
  deleted?: boolean
}

export interface Outcome {
  placed: SceneNode[]
  skipped: Skip[]
  /** A sentence the notification adds, e.g. where images went when their anchor had gone. */
  note?: string
}

export function deletedSkip(nodeId: string): Skip {
  return { nodeId, reason: 'It was deleted while the job ran.', deleted: true }
}
