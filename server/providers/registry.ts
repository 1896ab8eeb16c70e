import type { Config } from '../config'
import { KlingProvider } from './kling'
import type { Provider } from './provider'

/** The configured provider. Today only `kling`; config.ts refuses any other PROVIDER before we get here. */
export function createProvider(config: Config): Provider {
  return new KlingProvider(config.kling)
}

/** The model a request names, if the provider offers it for the operation. */
export function findModel(provider: Provider, modelId: string, operation: string) {
  return provider.models().find((m) => m.id === modelId && (m.operations as string[]).includes(operation)) ?? null
}
