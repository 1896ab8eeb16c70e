/**
 * One JSON line per event, so Workers Logs can filter on fields. Callers pass only what is safe to keep: ids,
 * codes, counts. Never a token, key, prompt or image.
 */
export function logEvent(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, event, ...fields })
  if (level === 'error') console.error(line)
  else if (level === 'warn') console.warn(line)
  else console.log(line)
}
