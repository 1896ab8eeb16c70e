import { useState } from 'preact/hooks'
import { DEFAULT_GENERATE_FORM, type GenerateForm } from '../requests/generate'
import { DEFAULT_IMAGE_FORM, type ImageForm } from '../requests/image-form'

/**
 * The views' form state, held above the router so that switching tabs (say, to watch a job) never loses a
 * half-written prompt.
 */
export function useForms() {
  const [generate, setGenerate] = useState<GenerateForm>(DEFAULT_GENERATE_FORM)
  const [image, setImage] = useState<ImageForm>(DEFAULT_IMAGE_FORM)
  const [expandPrompt, setExpandPrompt] = useState('')
  const [fillPrompt, setFillPrompt] = useState('')
  return { generate, setGenerate, image, setImage, expandPrompt, setExpandPrompt, fillPrompt, setFillPrompt }
}

export type Forms = ReturnType<typeof useForms>
