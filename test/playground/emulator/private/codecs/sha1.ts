/** SHA-1 of bytes as 40 lowercase hex digits: Figma's image hashes look like this (sync, so createImage can stay sync). */
import { sha1 } from '@noble/hashes/legacy.js'
import { bytesToHex } from '@noble/hashes/utils.js'

export function sha1Hex(bytes: Uint8Array): string {
  return bytesToHex(sha1(bytes))
}
