/** Where the panel is. One tuple per view; the second element carries what that view needs to open with. */
export type Route =
  | ['generate']
  | ['image']
  | ['expand']
  | ['fill']
  | ['jobs']
  /** `reason` says why the user was sent here (e.g. a job failed with 401). */
  | ['settings', { reason?: string }?]

export type ViewName = Route[0]

export const TABS: readonly { key: ViewName; label: string }[] = [
  { key: 'generate', label: 'Generate' },
  { key: 'image', label: 'Image' },
  { key: 'expand', label: 'Expand' },
  { key: 'fill', label: 'Fill' },
  { key: 'jobs', label: 'Jobs' },
  { key: 'settings', label: 'Settings' },
]
