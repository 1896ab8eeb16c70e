/// <reference types="@figma/plugin-typings/plugin-api" />
/**
 * A DOM-free Figma Plugin API emulator for tests (Node) and the playground page (browser). See CONTRACT.md;
 * nothing under private/ is imported from outside this folder.
 */
export { createFigmaEmulator } from './create-figma-emulator'
export { MAX_IMAGE_SIDE } from './private/image-store'
export { CLIENT_STORAGE_QUOTA_BYTES, createMemoryStorage } from './private/client-storage'
export { COMPOSE_FRAMES, ODD_FRAMES, PLACEHOLDER_COMPONENT, PLACEHOLDER_FRAMES, PLACEHOLDER_INSTANCES, SCENARIO_NAMES } from './private/scenarios'
export type * from './types'
