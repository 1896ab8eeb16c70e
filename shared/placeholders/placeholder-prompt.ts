/** Names Figma gives layers by default ("Frame 12", "Rectangle 3"): they say nothing about the picture. */
const DEFAULT_LAYER_NAME =
  /^(frame|rectangle|rect|ellipse|group|section|image|img|placeholder|component|instance|vector|polygon|star|line|slice|shape)\s*\d*$/i

/** Whether a layer name describes a picture well enough to be used as its prompt. */
export function isDescriptiveName(name: string): boolean {
  const trimmed = name.trim()
  return !DEFAULT_LAYER_NAME.test(trimmed) && (trimmed.match(/\p{L}/gu)?.length ?? 0) >= 3
}

/**
 * The prompt a placeholder uses: its layer name when that is descriptive, else the shared prompt, followed by
 * the optional shared style suffix. Empty when there is nothing to say.
 */
export function placeholderPrompt(layerName: string, sharedPrompt: string, styleSuffix = ''): string {
  const base = isDescriptiveName(layerName) ? layerName.trim() : sharedPrompt.trim()
  const suffix = styleSuffix.trim()
  if (!base) return ''
  return suffix ? `${base}, ${suffix}` : base
}
