import type { Config } from '../config'
import { ApimodelsProvider } from './apimodels'
import { FalProvider } from './fal'
import { KlingProvider } from './kling'
import { PixelDojoProvider } from './pixeldojo'
import type { Provider } from './provider'

/** The configured provider; config.ts has checked that its settings are present. */
export function createProvider(config: Config): Provider {
  // Signed input URLs need the Worker's public origin and the key that signs them.
  const canServeInputs = !!(config.publicBaseUrl && config.callbackSecret)
  switch (config.provider) {
    case 'kling':
      return new KlingProvider(config.kling!)
    case 'fal':
      return new FalProvider(config.seller!, canServeInputs)
    case 'pixeldojo':
      return new PixelDojoProvider(config.seller!)
    case 'apimodels':
      return new ApimodelsProvider(config.seller!, canServeInputs)
  }
}

/** The model a request names, if the provider offers it for the operation. */
export function findModel(provider: Provider, modelId: string, operation: string) {
  return provider.models().find((m) => m.id === modelId && (m.operations as string[]).includes(operation)) ?? null
}
