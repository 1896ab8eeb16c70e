/// <reference types="@figma/plugin-typings/plugin-api" />
/**
 * figma.createImage / getImageByHash: PNG, JPEG or GIF only (sniffed from the bytes, not trusted), at most
 * 4096 px a side, hashed by content (SHA-1 hex like Figma's hashes, so the same bytes give the same Image).
 */
import { imageFormat, imageInfo } from '../../../../shared/image/image-info'
import { sha1Hex } from './codecs/sha1'

/** Figma's documented limit for createImage (Typings: "Images have a maximum size of 4096 pixels"). */
export const MAX_IMAGE_SIDE = 4096

export interface StoredImage {
  hash: string
  bytes: Uint8Array
  width: number
  height: number
  format: 'png' | 'jpeg' | 'gif'
}

export class ImageStore {
  private readonly byHash = new Map<string, StoredImage>()

  /** Validates like Figma and stores the bytes; throws Figma's messages. */
  create(data: unknown): StoredImage {
    if (!(data instanceof Uint8Array) && !isForeignUint8Array(data)) {
      throw new Error('in createImage: Expected "data" to be a Uint8Array')
    }
    const bytes = new Uint8Array(data as Uint8Array)
    const format = imageFormat(bytes)
    if (format === null || format === 'webp') throw new Error('Image type is unsupported')
    const info = imageInfo(bytes)
    if (!info || info.width <= 0 || info.height <= 0) throw new Error('Image is too small')
    if (info.width > MAX_IMAGE_SIDE || info.height > MAX_IMAGE_SIDE) throw new Error('Image is too large')
    const hash = sha1Hex(bytes)
    const existing = this.byHash.get(hash)
    if (existing) return existing
    const image: StoredImage = { hash, bytes, width: info.width, height: info.height, format }
    this.byHash.set(hash, image)
    return image
  }

  get(hash: string): StoredImage | null {
    return this.byHash.get(hash) ?? null
  }

  /** The public `Image` handle Figma returns. */
  handle(image: StoredImage): Image {
    return Object.freeze({
      hash: image.hash,
      getBytesAsync: async () => new Uint8Array(image.bytes),
      getSizeAsync: async () => ({ width: image.width, height: image.height }),
    })
  }
}

/** A Uint8Array from another realm (e.g. a message that crossed an iframe) fails instanceof but is still valid. */
function isForeignUint8Array(value: unknown): boolean {
  return Object.prototype.toString.call(value) === '[object Uint8Array]'
}
