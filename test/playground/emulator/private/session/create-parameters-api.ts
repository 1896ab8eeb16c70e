/// <reference types="@figma/plugin-typings/plugin-api" />
/** figma.parameters: the plugin can register its quick-action `input` handlers; the emulator only keeps them. */
import { strictObject } from '../not-emulated'

export function createParametersApi(alive: () => boolean): ParametersAPI {
  const parameterHandlers = new Set<unknown>()
  return strictObject(
    'figma.parameters',
    {
      on(type: 'input', handler: unknown) {
        if (type !== 'input') throw new Error(`in figma.parameters.on: unknown event "${String(type)}"`)
        parameterHandlers.add(handler)
      },
      once(type: 'input', handler: unknown) {
        if (type !== 'input') throw new Error(`in figma.parameters.once: unknown event "${String(type)}"`)
        parameterHandlers.add(handler)
      },
      off(_type: 'input', handler: unknown) {
        parameterHandlers.delete(handler)
      },
    },
    alive,
  ) as unknown as ParametersAPI
}
