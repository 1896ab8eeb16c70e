/// <reference types="@figma/plugin-typings/plugin-api" />
/** figma.viewport for one plugin run, over the emulator's viewport (which outlives the run). */
import { strictObject } from '../not-emulated'
import type { ViewportModel } from './viewport-model'

export function createViewportApi(viewport: ViewportModel, alive: () => boolean): ViewportAPI {
  return strictObject(
    'figma.viewport',
    {
      get center() {
        return { ...viewport.center }
      },
      set center(value: Vector) {
        viewport.setCenter(value)
      },
      get zoom() {
        return viewport.zoom
      },
      set zoom(value: number) {
        viewport.setZoom(value)
      },
      get bounds() {
        return viewport.bounds
      },
      scrollAndZoomIntoView(nodes: readonly BaseNode[]) {
        viewport.scrollAndZoomIntoView(nodes)
      },
    },
    alive,
  ) as unknown as ViewportAPI
}
