/**
 * Everything the UI and the main thread say to each other. The UI calls main-thread endpoints (request →
 * response) and main pushes events. Both sides import these types; `channel.ts` carries them.
 */
import type { AspectRatio, Operation } from '../api/enums'
import type { Expansion } from '../api/schemas'
import type { Rect, Size } from '../geometry/rect'

/** The most nodes the Image view takes as references (Kling's multi-image reference: 4 subjects). */
export const MAX_REFERENCES = 4

/** Kept in figma.clientStorage by the main thread (the UI's null origin has no storage). */
export interface Settings {
  backendUrl: string
  /** Client token for the backend. Never logged, never shown back in full. */
  token: string
  /** Jobs that may run at once when filling placeholders. */
  concurrency: number
  /** Appended to every placeholder's prompt, e.g. "soft light, editorial photo". */
  styleSuffix: string
  /**
   * "Fit exactly": images for existing frames are generated at the nearest ratio, then expanded on their thin
   * sides to the frame's exact ratio (one more image per frame that needs it), instead of cropped.
   */
  exactFit: boolean
}

export interface NodeSummary {
  id: string
  name: string
  type: string
  width: number
  height: number
  /** Has a visible IMAGE fill. */
  hasImage: boolean
}

export interface ExpandTarget {
  /** The node whose pixels are expanded (an image, or a frame showing one). */
  sourceId: string
  /** The frame the result must cover; may be the source itself (an image shown FIT inside its own frame). */
  frameId: string
  /** Where the visible image sits, relative to the frame's top-left. */
  image: Rect
  frame: Size
}

export interface SelectionState {
  nodes: NodeSummary[]
  /** Empty frames, rectangles or ellipses selected, or such children of a selected frame or section. */
  placeholders: NodeSummary[]
  /** The first selected node usable as an image-to-image reference. */
  reference: NodeSummary | null
  /**
   * The selected nodes usable as references (visible, with an area, exportable), in selection order, at most
   * `MAX_REFERENCES`: the Image view's thumbnails, and the inputs of multi-image reference and Omni.
   */
  references: NodeSummary[]
  expand: ExpandTarget | null
}

/**
 * Where a job's images go. Image i goes to the i-th target where there are several. `selectionAtStart` (the
 * selected node ids when the job was started) lets placement leave the user's selection and viewport alone when
 * they have moved on since: a job that finishes minutes later must not yank them back.
 */
export type Placement = PlacementTarget & { selectionAtStart?: string[] }

export type PlacementTarget =
  /** Nothing selected: new frames sized to each image, named after the prompt, in a row beside the content. */
  | { kind: 'new-frames' }
  /** Each image becomes the FILL of the matching existing node. */
  | { kind: 'fill'; nodeIds: string[] }
  /** Image-to-image: new frames of the source's size beside it. */
  | { kind: 'beside'; sourceId: string }
  /** Expand: the result covers the frame; the source image node is removed (undo brings it back). */
  | { kind: 'expand'; frameId: string; sourceId: string }
  /**
   * Multi-image jobs (multi-image reference, Omni): new frames at each image's own size, in order, in a row to the
   * right of the references (of the page's content when they are gone). `numbered` names them as a series:
   * "prompt 1/3", "prompt 2/3"…
   */
  | { kind: 'row'; besideIds: string[]; numbered: boolean }

/** Stored on every placed node as pluginData, so relaunch buttons can regenerate or vary it. */
export interface PlacementMeta {
  jobId: string
  operation: Operation
  prompt: string
  model: string
  aspectRatio?: AspectRatio
}

/** PNG or JPEG bytes already within Figma's limits (at most 4096 px a side). */
export interface ImageBytes {
  bytes: Uint8Array
  width: number
  height: number
}

export interface PlaceRequest {
  placement: Placement
  meta: PlacementMeta
  images: ImageBytes[]
}

export interface PlaceResult {
  placedNodeIds: string[]
  /** Targets that no longer exist (deleted while the job ran) or could not take the image. */
  skipped: { nodeId: string; reason: string }[]
  /**
   * The placed nodes were selected and scrolled into view (the selection had not changed since the job started).
   * When false, the batch's notification offers a "Show" button instead.
   */
  focused: boolean
  /** A sentence about where images went when their anchor had gone, for the batch's notification. */
  note?: string
}

export interface ExportResult extends ImageBytes {
  mime: 'image/png' | 'image/jpeg'
  /**
   * Set when `bytes` is an image's original file (read with getBytesAsync, so no layer had to be created to
   * export it): the panel draws it on a canvas turned by `rotation` degrees at width×height before using it.
   * `mime` is then the file's own type (a GIF counts as PNG).
   */
  draw?: { rotation: 0 | 90 | 180 | 270 }
}

/** A job that was submitted but not yet placed; kept so a reopened plugin can finish it. */
export interface PendingJob {
  jobId: string
  placement: Placement
  meta: PlacementMeta
  /** What the jobs list shows, e.g. the prompt or "3 placeholders, 16:9". */
  label: string
  startedAt: number
  /**
   * Expand passes still to run after this job, in order: each sends the previous pass's first image back with
   * these ratios, and the last pass's image is placed. Absent for everything else.
   */
  remaining?: Expansion[]
  /**
   * Indices of the job's images already placed (into existing frames, each as soon as it arrived): a reopened
   * plugin places only the others. Absent when none was.
   */
  placed?: number[]
}

/** A change to the unfinished jobs kept for the current document, merged by job id. */
export interface PendingJobsUpdate {
  /** Added, or replacing the entry with the same job id. */
  put: PendingJob[]
  /** Job ids that are no longer pending (placed, failed, cancelled, or replaced by their next pass). */
  remove: string[]
}

export type CommandName = 'open' | 'generate' | 'expand' | 'fill' | 'regenerate' | 'variations'

export interface Command {
  name: CommandName
  /** From the quick-action parameter, or the node's stored prompt for relaunch buttons. */
  prompt?: string
  /** The node a relaunch button was pressed on (the first of `targets`). */
  nodeId?: string
  /** Relaunch buttons on a multiple selection: every selected node Kling Frames placed, with its stored prompt. */
  targets?: { nodeId: string; prompt: string }[]
}

/** Request/response endpoints the main thread serves. */
export interface MainEndpoints {
  loadSettings: (input: void) => Settings
  saveSettings: (input: Settings) => void
  getSelection: (input: void) => SelectionState
  /** Exports what the user sees of a node, sized for Kling (300 to 2048 px), JPEG when opaque else PNG. */
  exportNode: (input: { nodeId: string; format?: 'auto' | 'png' }) => ExportResult
  place: (input: PlaceRequest) => PlaceResult
  /** The unfinished jobs of the current document only. */
  loadPendingJobs: (input: void) => PendingJob[]
  savePendingJobs: (input: PendingJobsUpdate) => void
  /** A Figma toast; `show` adds a "Show" button that selects these nodes and scrolls to them. */
  notify: (input: { message: string; error?: boolean; show?: string[] }) => void
  /** figma.ui.resize within sensible limits, kept for the next launch; returns the size applied. */
  resizeUi: (input: Size) => Size
}

/** Events the main thread pushes to the UI. */
export interface MainEvents {
  selection: SelectionState
  command: Command
}
