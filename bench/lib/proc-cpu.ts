/**
 * CPU time of processes, read from outside through Linux /proc: workerd's in-Worker timers do not advance during
 * CPU work, so the only honest per-request CPU figure for a local Worker is the workerd process's own counters.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

export interface ProcInfo {
  pid: number
  ppid: number
  /** Process group id. */
  pgid: number
  comm: string
  /** utime + stime, clock ticks. */
  ticks: number
}

/** Clock ticks per second of utime/stime (`getconf CLK_TCK`; 100 on practically every Linux). */
export function clockTicksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', timeout: 5_000 }).trim())
    if (Number.isInteger(value) && value > 0) return value
  } catch {
    // fall through
  }
  return 100
}

/** `/proc/<pid>/stat`, or null if the process is gone. `comm` may contain spaces and parentheses. */
export function readProc(pid: number): ProcInfo | null {
  let text: string
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) return null
  // After "pid (comm) ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime ...
  const rest = text.slice(close + 2).split(' ')
  return { pid, ppid: Number(rest[1]), pgid: Number(rest[2]), comm: text.slice(open + 1, close), ticks: Number(rest[11]) + Number(rest[12]) }
}

function allProcs(): ProcInfo[] {
  const procs: ProcInfo[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const info = readProc(Number(name))
    if (info) procs.push(info)
  }
  return procs
}

/** Every live descendant of `root` (children, grandchildren, ...), found through the ppid links in /proc. */
export function descendants(root: number): ProcInfo[] {
  const procs = allProcs()
  const children = new Map<number, ProcInfo[]>()
  for (const proc of procs) {
    const list = children.get(proc.ppid) ?? []
    list.push(proc)
    children.set(proc.ppid, list)
  }
  const found: ProcInfo[] = []
  const queue = [root]
  // Bounded: a pid cannot be its own ancestor, but guard anyway.
  const seen = new Set<number>([root])
  while (queue.length > 0 && found.length < 10_000) {
    const pid = queue.shift() as number
    for (const child of children.get(pid) ?? []) {
      if (seen.has(child.pid)) continue
      seen.add(child.pid)
      found.push(child)
      queue.push(child.pid)
    }
  }
  return found
}

/** Sum of utime+stime ticks over `pids`; processes that have exited count as missing. */
export function sampleTicks(pids: readonly number[]): { ticks: number; missing: number[] } {
  let ticks = 0
  const missing: number[] = []
  for (const pid of pids) {
    const info = readProc(pid)
    if (info) ticks += info.ticks
    else missing.push(pid)
  }
  return { ticks, missing }
}

/** Live processes in process group `pgid`, wherever they have been reparented. */
export function groupMembers(pgid: number): ProcInfo[] {
  return allProcs().filter((proc) => proc.pgid === pgid)
}

/** The process's command line, arguments joined by spaces ('' if it is gone). */
export function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()
  } catch {
    return ''
  }
}
