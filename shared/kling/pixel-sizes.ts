import type { AspectRatio, Resolution } from '../api/enums'

/**
 * Output pixel sizes of Kling IMAGE 3.0 / O1 / O3 (kling-upstream.md §8, from Runware's tables).
 * Kling does not publish them; the server always reads real sizes from the stored bytes.
 */
export const KLING_PIXEL_SIZES: Record<AspectRatio, Record<Resolution, readonly [number, number]>> = {
  '1:1': { '1k': [1024, 1024], '2k': [2048, 2048], '4k': [4096, 4096] },
  '16:9': { '1k': [1360, 768], '2k': [2720, 1536], '4k': [5440, 3072] },
  '9:16': { '1k': [768, 1360], '2k': [1536, 2720], '4k': [3072, 5440] },
  '4:3': { '1k': [1168, 880], '2k': [2336, 1760], '4k': [4736, 3520] },
  '3:4': { '1k': [880, 1168], '2k': [1760, 2336], '4k': [3520, 4736] },
  '3:2': { '1k': [1248, 832], '2k': [2496, 1664], '4k': [4992, 3328] },
  '2:3': { '1k': [832, 1248], '2k': [1664, 2496], '4k': [3328, 4992] },
  '21:9': { '1k': [1552, 656], '2k': [3104, 1312], '4k': [6272, 2688] },
}

/** The expected output size for a ratio and resolution, as `{width, height}`. */
export function klingPixelSize(ratio: AspectRatio, resolution: Resolution): { width: number; height: number } {
  const [width, height] = KLING_PIXEL_SIZES[ratio][resolution]
  return { width, height }
}
