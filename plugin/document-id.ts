// Main thread: a stable id for the open document, kept in the document itself.

const KEY = 'documentId'

/**
 * The document's id, given once with `figma.root.setPluginData`. clientStorage is shared by every file on this
 * computer, so anything kept there for one file (unfinished jobs) is keyed by this id. No crypto in the sandbox:
 * time plus two random draws is unique enough for the files of one user.
 */
export function documentId(): string {
  const existing = figma.root.getPluginData(KEY)
  if (existing) return existing
  const id = `doc_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 10)}`
  figma.root.setPluginData(KEY, id)
  return id
}
