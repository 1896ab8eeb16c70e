/**
 * Omni prompts name their reference images as `<<<image_1>>>`, `<<<image_2>>>` ... (1-based, in the order of
 * `images`; kling-upstream.md §2.4). Pure, so the panel builds and checks prompts with the same rule as the server.
 */

const REFERENCE = /<<<image_(\d+)>>>/g

/** The reference token for the image at 1-based position `n`. */
export function imageReference(n: number): string {
  return `<<<image_${n}>>>`
}

/** Every image number the prompt refers to, in order of appearance (repeats kept). */
export function referencedImages(prompt: string): number[] {
  return (prompt.match(REFERENCE) ?? []).map((token) => Number(token.slice(9, -3)))
}

/** The numbers that name no image when `count` images are given (0, or past the last one), without repeats. */
export function danglingReferences(prompt: string, count: number): number[] {
  return [...new Set(referencedImages(prompt).filter((n) => n < 1 || n > count))]
}
