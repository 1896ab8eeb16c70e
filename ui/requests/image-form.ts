import type { ImageReference, RequestAspectRatio, Resolution } from '../../shared/api/enums'
import type { RoleMap } from './reference-roles'

/** "Match the selection", or one ratio (`auto` where an Omni model picks one itself). */
export type ImageRatioChoice = 'match' | RequestAspectRatio

/** The Image view's form: one prompt and set of options, whatever the chosen model does with them. */
export interface ImageForm {
  /** As the user sees it: Omni references read `[Layer name]`. */
  prompt: string
  /** Multi-image reference only. */
  negativePrompt: string
  /** `operation:model` of the picker; empty for the backend's default. */
  choice: string
  /** Image to image: what the reference is (where the model takes it). */
  reference: ImageReference
  /** 0 to 1: how closely the result follows the reference (where the model takes it). */
  fidelity: number
  resolution: Resolution
  aspect: ImageRatioChoice
  n: number
  /** Multi-image reference: Subject, Scene or Style by node id. */
  roles: RoleMap
  /** Omni: a storyboard set of related images instead of n variants (where the model offers it). */
  series: boolean
  seriesAmount: number
}

export const DEFAULT_IMAGE_FORM: ImageForm = {
  prompt: '',
  negativePrompt: '',
  choice: '',
  reference: 'subject',
  fidelity: 0.5,
  resolution: '1k',
  aspect: 'match',
  n: 1,
  roles: {},
  series: false,
  seriesAmount: 3,
}
