/**
 * CPU time of this benchmark's whole process tree (Chromium, workerd, wrangler's Node, the benchmark with its
 * simulator thread), sampled from /proc every `intervalMs`, so that a window of a measurement ("after the last upstream
 * task") can be split by who spent the machine's cores in it.
 */
import { cpus } from 'node:os'
import { clockTicksPerSecond, descendants, readCmdline, readProc } from './proc-cpu'

export interface CpuShare {
  name: string
  /** CPU seconds in the window. */
  seconds: number
}

export interface CpuWindow {
  wallMs: number
  cores: number
  shares: CpuShare[]
}

interface Sample {
  at: number
  ticks: Map<number, number>
}

export class CpuTimeline {
  private readonly samples: Sample[] = []
  private readonly names = new Map<number, string>()
  private readonly hz = clockTicksPerSecond()
  private timer: ReturnType<typeof setInterval> | null = null

  start(intervalMs = 100): void {
    this.samples.length = 0
    this.sample()
    this.timer = setInterval(() => this.sample(), intervalMs)
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    this.sample()
  }

  /** CPU seconds per process kind between two `Date.now()` times (the nearest samples inside the window). */
  window(from: number, to: number): CpuWindow {
    const inside = this.samples.filter((s) => s.at >= from && s.at <= to)
    const cores = cpus().length
    if (inside.length < 2) return { wallMs: to - from, cores, shares: [] }
    const first = inside[0]
    const last = inside[inside.length - 1]
    const byName = new Map<string, number>()
    for (const [pid, ticks] of last.ticks) {
      const spent = ticks - (first.ticks.get(pid) ?? ticks)
      if (spent <= 0) continue
      const name = this.names.get(pid) ?? 'other'
      byName.set(name, (byName.get(name) ?? 0) + spent / this.hz)
    }
    const shares = [...byName].map(([name, seconds]) => ({ name, seconds })).sort((a, b) => b.seconds - a.seconds)
    return { wallMs: last.at - first.at, cores, shares }
  }

  private sample(): void {
    const ticks = new Map<number, number>()
    for (const proc of [readProc(process.pid), ...descendants(process.pid)]) {
      if (!proc) continue
      ticks.set(proc.pid, proc.ticks)
      if (!this.names.has(proc.pid)) this.names.set(proc.pid, kindOf(proc.pid, proc.comm))
    }
    this.samples.push({ at: Date.now(), ticks })
  }
}

function kindOf(pid: number, comm: string): string {
  if (pid === process.pid) return 'benchmark and simulator'
  if (comm === 'workerd') return 'workerd'
  const cmdline = readCmdline(pid)
  if (/chrom/i.test(comm) || /chromium/.test(cmdline)) {
    // The page and the plugin's panel are renderers; the GPU process composites (in software here).
    const type = /--type=([a-z-]+)/.exec(cmdline)?.[1]
    if (type === 'renderer') return 'Chromium renderers'
    if (type === 'gpu-process') return 'Chromium GPU process'
    if (type === 'utility') return 'Chromium network and other services'
    return type ? `Chromium ${type}` : 'Chromium browser process'
  }
  if (/wrangler|run-ts/.test(cmdline) || comm === 'esbuild') return "wrangler's Node"
  return 'other'
}

/** "Chromium 1.42 s, workerd 0.61 s, … = 2.50 CPU-s in 1.70 s on 2 cores". */
export function describeCpuWindow(window: CpuWindow): string {
  const total = window.shares.reduce((sum, share) => sum + share.seconds, 0)
  const parts = window.shares.map((share) => `${share.name} ${share.seconds.toFixed(2)} s`).join(', ')
  return `${parts || 'nothing'} = ${total.toFixed(2)} CPU-s in ${(window.wallMs / 1000).toFixed(2)} s on ${window.cores} cores`
}
