import { useState } from 'preact/hooks'
import { DEFAULT_GENERATE_FORM, type GenerateForm } from '../requests/generate'
import { DEFAULT_IMAGE_TO_IMAGE_FORM, type ImageToImageForm } from '../requests/image-to-image'

/**
 * The views' form state, held above the router so that switching tabs (say, to watch a job) never loses a
 * half-written prompt.
 */
export function useForms() {
  const [generate, setGenerate] = useState<GenerateForm>(DEFAULT_GENERATE_FORM)
  const [image, setImage] = useState<ImageToImageForm>(DEFAULT_IMAGE_TO_IMAGE_FORM)
  const [expandPrompt, setExpandPrompt] = useState('')
  const [fillPrompt, setFillPrompt] = useState('')
  return { generate, setGenerate, image, setImage, expandPrompt, setExpandPrompt, fillPrompt, setFillPrompt }
}

export type Forms = ReturnType<typeof useForms>
