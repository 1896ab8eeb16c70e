/**
 * Omni prompts: the panel shows each reference by its layer name, `[Bottle]`, and sends Kling's
 * `<<<image_N>>>` (1-based, in the order of the images sent). Pure.
 */
import { danglingReferences, imageReference, referencedImages } from '../../shared/api/image-references'
import type { NodeSummary } from '../../shared/protocol/messages'

export interface PromptChip {
  nodeId: string
  /** 1-based: the N of `<<<image_N>>>`. */
  number: number
  /** The layer name, made unique among the chips ("Photo", "Photo (2)"). */
  label: string
}

/** One chip per reference, in order, labelled with its layer name. */
export function promptChips(nodes: readonly NodeSummary[]): PromptChip[] {
  const seen = new Map<string, number>()
  return nodes.map((node, i) => {
    const base = node.name.replace(/[[\]\s]+/g, ' ').trim() || `Image ${i + 1}`
    const count = (seen.get(base) ?? 0) + 1
    seen.set(base, count)
    return { nodeId: node.id, number: i + 1, label: count === 1 ? base : `${base} (${count})` }
  })
}

/** How a chip reads inside the prompt. */
export function chipToken(chip: Pick<PromptChip, 'label'>): string {
  return `[${chip.label}]`
}

/**
 * `text` with `insert` put in place of the characters `start..end` (the textarea's selection), with a space on
 * either side where it would otherwise touch a word. Returns the caret position after the insertion.
 */
export function insertAtCursor(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length))
  const to = Math.max(from, Math.min(end, text.length))
  const before = text.slice(0, from)
  const after = text.slice(to)
  const lead = before && !/\s$/.test(before) ? ' ' : ''
  const trail = !after || !/^[\s.,;:!?)]/.test(after) ? ' ' : ''
  const piece = lead + insert + trail
  return { text: before + piece + after, caret: before.length + piece.length }
}

/** The prompt Kling gets: each `[label]` of a chip becomes `<<<image_N>>>`; all other text is sent as written. */
export function toWirePrompt(display: string, chips: readonly PromptChip[]): string {
  if (chips.length === 0) return display
  // Longest labels first, so that "Photo (2)" is not read as "Photo" followed by text.
  const byLength = [...chips].sort((a, b) => b.label.length - a.label.length)
  const pattern = new RegExp(byLength.map((c) => escapeRegExp(chipToken(c))).join('|'), 'g')
  const numbers = new Map(chips.map((c) => [chipToken(c), c.number]))
  return display.replace(pattern, (token) => imageReference(numbers.get(token)!))
}

/** The chips the prompt names, by number, without repeats. */
export function chipsUsed(display: string, chips: readonly PromptChip[]): number[] {
  return [...new Set(referencedImages(toWirePrompt(display, chips)))]
}

/** Why the prompt cannot be sent with `count` images: a `<<<image_N>>>` typed by hand past the last one. */
export function danglingIssue(wire: string, count: number): string | null {
  const bad = danglingReferences(wire, count)
  if (bad.length === 0) return null
  const names = bad.map(imageReference).join(', ')
  return count === 0
    ? `The prompt refers to ${names}, but no image is selected.`
    : `The prompt refers to ${names}, but only ${count} ${count === 1 ? 'image is' : 'images are'} selected.`
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The prompt for layer names and lists: chip tokens read as the bare layer names. */
export function plainPrompt(display: string, chips: readonly PromptChip[]): string {
  let text = display
  for (const chip of [...chips].sort((a, b) => b.label.length - a.label.length)) text = text.split(chipToken(chip)).join(chip.label)
  return text
}

/**
 * Bracketed names in the prompt that are no chip's, e.g. `[Bottle]` after the bottle was deselected: they would
 * reach Kling as plain text, without their image.
 */
export function unknownTokens(display: string, chips: readonly PromptChip[]): string[] {
  const known = new Set(chips.map(chipToken))
  return [...new Set([...display.matchAll(/\[[^[\]\n]{1,100}\]/g)].map((m) => m[0]).filter((token) => !known.has(token)))]
}
