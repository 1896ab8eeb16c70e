/** A task waiting in the upstream queue. */
export type WaitingTask = {
  task_key: string
  owner: string
  slots: number
  /** Arrival order; lower first. */
  seq: number
  /** 1: put back at the head after the seller said it was full; taken before any other. */
  head: number
}

/**
 * The order in which waiting tasks will be admitted: tasks put back at the head first, then one task per owner in
 * turn (owners in name order, starting after `lastOwner`, who was served last), each owner's tasks oldest first.
 * One owner's many tasks therefore never starve another owner's one. Pure, so positions and admissions agree.
 */
export function fairOrder(waiting: WaitingTask[], lastOwner: string): WaitingTask[] {
  const heads = waiting.filter((t) => t.head === 1).sort((a, b) => a.seq - b.seq)
  const byOwner = new Map<string, WaitingTask[]>()
  for (const task of waiting.filter((t) => t.head !== 1).sort((a, b) => a.seq - b.seq)) {
    const queue = byOwner.get(task.owner)
    if (queue) queue.push(task)
    else byOwner.set(task.owner, [task])
  }
  const owners = [...byOwner.keys()].sort()
  const start = owners.findIndex((o) => o > lastOwner)
  const ring = start <= 0 ? owners : [...owners.slice(start), ...owners.slice(0, start)]
  const order = [...heads]
  for (let round = 0; order.length < waiting.length; round++) {
    for (const owner of ring) {
      const task = byOwner.get(owner)![round]
      if (task) order.push(task)
    }
  }
  return order
}
