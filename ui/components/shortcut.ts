/** A keydown handler that runs `action` on Ctrl+Enter (Cmd+Enter on a Mac). */
export function onModEnter(action: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault()
      action()
    }
  }
}
