/** Named presets and factories for the UI's unit tests. */
import type { Capabilities, Job, ModelCapabilities } from '../../shared/api/schemas'
import type { ExpandTarget, NodeSummary, SelectionState } from '../../shared/protocol/messages'

export function makeNode(over: Partial<NodeSummary> & { id: string }): NodeSummary {
  return { name: `Frame ${over.id}`, type: 'FRAME', width: 1000, height: 1000, hasImage: false, ...over }
}

export function makeModel(over: Partial<ModelCapabilities> = {}): ModelCapabilities {
  return {
    id: 'kling-v3',
    label: 'Kling Image 3.0',
    operations: ['generate', 'image_to_image', 'expand'],
    aspect_ratios: ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9'],
    resolutions: ['1k', '2k'],
    n: { min: 1, max: 9 },
    parameters: ['negative_prompt', 'image_reference', 'image_fidelity'],
    description: 'Text to image or one reference image.',
    series: false,
    style_transfer: false,
    by_operation: {},
    ...over,
  }
}

export function makeCaps(models: ModelCapabilities[] = [makeModel()]): Capabilities {
  return {
    provider: 'kling',
    default_model: models[0]?.id ?? 'kling-v3',
    default_models: {},
    models,
    limits: {
      prompt_max_chars: 2500,
      image_max_bytes: 10485760,
      image_min_side: 300,
      image_aspect_min: 0.4,
      image_aspect_max: 2.5,
      expansion_ratio_max: 2,
      expansion_area_max: 3,
      subject_images_min: 1,
      subject_images_max: 4,
      omni_images_max: 10,
      series_amount_min: 2,
      series_amount_max: 9,
    },
    upstream: { concurrency: 5 },
    budget: { daily_limit: 200, used_today: 10, remaining_today: 190, resets_at: '2026-11-22T00:00:00.000Z' },
  }
}

export function makeJob(over: Partial<Job> & { id: string }): Job {
  return {
    status: 'queued',
    operation: 'generate',
    provider: 'kling',
    model: 'kling-v3',
    prompt: 'a prompt',
    negative_prompt: null,
    aspect_ratio: '1:1',
    resolution: '1k',
    n: 1,
    expansion: null,
    client_ref: null,
    queue_position: null,
    cost: null,
    images: [],
    error: null,
    created_at: '2026-11-21T10:00:00.000Z',
    updated_at: '2026-11-21T10:00:00.000Z',
    ...over,
  }
}

export function imagesOf(jobId: string, count: number, width = 1024, height = 1024): Job['images'] {
  return Array.from({ length: count }, (_, index) => ({
    index,
    url: `http://backend.test/v1/jobs/${jobId}/images/${index}`,
    width,
    height,
    content_type: 'image/png',
  }))
}

export const NOTHING_SELECTED: SelectionState = { nodes: [], placeholders: [], reference: null, references: [], expand: null }

export const THREE_FRAMES_SELECTED: SelectionState = {
  nodes: [
    makeNode({ id: '1:1', name: 'Hero', width: 1440, height: 810 }),
    makeNode({ id: '1:2', name: 'Card', width: 400, height: 400 }),
    makeNode({ id: '1:3', name: 'Story', width: 1080, height: 1920 }),
  ],
  placeholders: [],
  reference: null,
  references: [],
  expand: null,
}

/** An 800x600 image centred in a 1600x900 frame (the `expand` scenario). */
export const EXPAND_ONE_PASS: ExpandTarget = {
  sourceId: '4:2',
  frameId: '4:1',
  image: { x: 400, y: 150, width: 800, height: 600 },
  frame: { width: 1600, height: 900 },
}

/** A 600x400 image in a 1600x900 frame: 2.67x wide, 2.25x tall, too much for one call. */
export const EXPAND_TWO_PASSES: ExpandTarget = {
  sourceId: '4:2',
  frameId: '4:1',
  image: { x: 500, y: 200, width: 600, height: 400 },
  frame: { width: 1600, height: 900 },
}

/** Just enough of a PNG for its header to be read: signature and IHDR. */
export function pngHeader(width: number, height: number): Uint8Array {
  const b = new Uint8Array(33)
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
  new DataView(b.buffer).setUint32(16, width)
  new DataView(b.buffer).setUint32(20, height)
  return b
}

/** A JPEG start with an SOF0 segment. */
export function jpegHeader(width: number, height: number): Uint8Array {
  const b = new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03])
  new DataView(b.buffer).setUint16(7, height)
  new DataView(b.buffer).setUint16(9, width)
  return b
}

/** A WebP (VP8X) header. */
export function webpHeader(width: number, height: number): Uint8Array {
  const b = new Uint8Array(30)
  b.set([...'RIFF'].map((c) => c.charCodeAt(0)), 0)
  b.set([...'WEBPVP8X'].map((c) => c.charCodeAt(0)), 8)
  const w = width - 1
  const h = height - 1
  b.set([w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], 24)
  return b
}

export function gifHeader(width: number, height: number): Uint8Array {
  return new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, width & 0xff, width >> 8, height & 0xff, height >> 8])
}

/**
 * A structurally whole PNG of the given size (signature, IHDR, one IDAT, IEND, right CRCs): what the runner's
 * download check accepts. Its pixels are not meant to decode.
 */
export function pngStub(width = 1024, height = 1024, tag = 0): Uint8Array {
  const chunk = (type: string, data: number[]) => {
    const body = [...type].map((c) => c.charCodeAt(0)).concat(data)
    return [...u32(data.length), ...body, ...u32(crc32(body))]
  }
  const ihdr = [...u32(width), ...u32(height), 8, 2, 0, 0, 0]
  return new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', ihdr), ...chunk('IDAT', [tag & 0xff]), ...chunk('IEND', [])])
}

function u32(n: number): number[] {
  return [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]
}

function crc32(bytes: readonly number[]): number {
  let c = 0xffffffff
  for (const byte of bytes) {
    c ^= byte
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  }
  return (c ^ 0xffffffff) >>> 0
}
