import { useEffect, useState } from 'preact/hooks'

/** The current time, ticking every `ms` while `active` (for elapsed-time labels). */
export function useNow(active: boolean, ms = 1000): number {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    if (!active) return
    setNow(Date.now())
    const timer = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(timer)
  }, [active, ms])
  return now
}
