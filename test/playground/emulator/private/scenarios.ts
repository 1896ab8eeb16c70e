/// <reference types="@figma/plugin-typings/plugin-api" />
/** Named starting documents for tests and the playground. Each starts from a fresh page; nothing is selected. */
import { encodePng } from './codecs/encode-png'
import { PALETTES, paintLandscape, type LandscapePalette } from './codecs/paint-landscape'
import { PRODUCTS, paintProduct } from './codecs/paint-product'
import type { Raster } from './codecs/raster'
import { paintSwatch } from './codecs/paint-swatch'
import type { DocumentModel } from './document-model'
import type { CreatableType } from './nodes/node-types'

export type ScenarioName = 'empty' | 'placeholders' | 'expand' | 'reference' | 'instances' | 'odd-frames' | 'compose'
export const SCENARIO_NAMES: readonly ScenarioName[] = ['empty', 'placeholders', 'expand', 'reference', 'instances', 'odd-frames', 'compose']

/** Empty frames whose ratios Kling does not offer: a 1.85:1 cinema frame, a phone screen, a wide web banner. */
export const ODD_FRAMES = [
  { name: 'Cinema still', x: 0, y: 0, width: 740, height: 400 }, // 1.85:1
  { name: 'Phone screen', x: 840, y: 0, width: 375, height: 812 },
  { name: 'Web banner', x: 0, y: 912, width: 1440, height: 600 }, // 2.4:1
] as const

/** Three instances of one "Image placeholder" component (a frame with a grey rectangle inside). */
export const PLACEHOLDER_INSTANCES = [
  { name: 'Hero photo', x: 0, y: 500 },
  { name: 'Team photo', x: 720, y: 500 },
  { name: 'Office at dusk', x: 1440, y: 500 },
] as const
export const PLACEHOLDER_COMPONENT = { name: 'Image placeholder', x: 0, y: 0, width: 640, height: 400 } as const

/** Six aspect ratios Kling offers, two rows, 200 px apart. */
export const PLACEHOLDER_FRAMES = [
  { name: 'Hero banner', x: 0, y: 0, width: 1600, height: 900 }, // 16:9
  { name: 'Story cover', x: 1800, y: 0, width: 900, height: 1600 }, // 9:16
  { name: 'Product card', x: 2900, y: 0, width: 1000, height: 1000 }, // 1:1
  { name: 'Blog header', x: 0, y: 1800, width: 1200, height: 900 }, // 4:3
  { name: 'Poster', x: 1400, y: 1800, width: 900, height: 1200 }, // 3:4
  { name: 'Website banner', x: 2500, y: 1800, width: 2100, height: 900 }, // 21:9
] as const

/**
 * Several images to combine: three products, a scene and a style swatch, in a row 100 px apart. The bottle is
 * 600x800 (a restyle must come back at that size).
 */
export const COMPOSE_FRAMES = [
  { name: 'Bottle', x: 0, y: 0, width: 600, height: 800, paint: () => paintProduct(600, 800, PRODUCTS.bottle) },
  { name: 'Sneaker', x: 700, y: 0, width: 800, height: 600, paint: () => paintProduct(800, 600, PRODUCTS.sneaker) },
  { name: 'Lamp', x: 1600, y: 0, width: 600, height: 600, paint: () => paintProduct(600, 600, PRODUCTS.lamp) },
  { name: 'Beach scene', x: 2300, y: 0, width: 1200, height: 800, paint: () => paintLandscape(1200, 800, PALETTES.lagoon) },
  { name: 'Style swatch', x: 3600, y: 0, width: 600, height: 600, paint: () => paintSwatch(600, 600) },
] as const

export function loadScenario(doc: DocumentModel, name: ScenarioName): void {
  if (!SCENARIO_NAMES.includes(name)) throw new Error(`Unknown scenario "${String(name)}"; expected one of ${SCENARIO_NAMES.join(', ')}`)
  doc.reset()
  const add = <T extends SceneNode>(type: CreatableType, props: { name: string; x: number; y: number; width: number; height: number }, parent?: T) => {
    const node = doc.create(type) as unknown as FrameNode
    ;((parent ?? doc.page) as unknown as ChildrenMixin).appendChild(node)
    node.name = props.name
    node.x = props.x
    node.y = props.y
    node.resize(props.width, props.height)
    return node
  }
  const rasterFill = (raster: Raster): ImagePaint => ({
    type: 'IMAGE',
    scaleMode: 'FILL',
    imageHash: doc.images.create(encodePng(raster)).hash,
  })
  const imageFill = (width: number, height: number, palette: LandscapePalette) => rasterFill(paintLandscape(width, height, palette))

  if (name === 'placeholders') {
    for (const frame of PLACEHOLDER_FRAMES) add('FRAME', frame)
  } else if (name === 'expand') {
    const frame = add('FRAME', { name: 'Expand me', x: 0, y: 0, width: 1600, height: 900 })
    const photo = add('RECTANGLE', { name: 'Photo', x: 400, y: 150, width: 800, height: 600 }, frame)
    photo.fills = [imageFill(800, 600, PALETTES.dawn)]
  } else if (name === 'odd-frames') {
    for (const frame of ODD_FRAMES) add('FRAME', frame)
  } else if (name === 'instances') {
    const component = add('COMPONENT', PLACEHOLDER_COMPONENT) as unknown as ComponentNode
    const { width, height } = PLACEHOLDER_COMPONENT
    add('RECTANGLE', { name: 'Image', x: 0, y: 0, width, height }, component)
    for (const spot of PLACEHOLDER_INSTANCES) {
      const instance = component.createInstance()
      instance.name = spot.name
      instance.x = spot.x
      instance.y = spot.y
    }
  } else if (name === 'reference') {
    const frame = add('FRAME', { name: 'Reference', x: 0, y: 0, width: 1024, height: 768 })
    frame.fills = [imageFill(1024, 768, PALETTES.lagoon)]
  } else if (name === 'compose') {
    for (const { paint, ...props } of COMPOSE_FRAMES) add('FRAME', props).fills = [rasterFill(paint())]
  }
}
