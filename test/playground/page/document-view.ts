/**
 * The Figma canvas: every node as an absolutely positioned element (data-node-id / data-node-name /
 * data-node-type) showing its fills, zoomed to fit the free area beside the plugin window. Click selects,
 * shift-click toggles, a click on empty canvas clears; selected nodes get Figma's blue outline and size badge.
 */
import type { FigmaEmulator } from '../emulator'
import { el } from './dom'
import { createImageUrls } from './image-urls'

const PADDING = 56
/** Room above top-level frames for their name labels. */
const LABEL_ROOM = 22
/** Room below the content for the size badge and the toasts. */
const BOTTOM_ROOM = 48

export interface DocumentViewOptions {
  /** Screen pixels on the right covered by the plugin window. */
  reservedRight(): number
}

export function mountDocumentView(host: HTMLElement, emulator: FigmaEmulator, options: DocumentViewOptions): { refresh(): void; stop(): void } {
  const world = el('div', { className: 'world' })
  const overlay = el('div', { className: 'selection-layer' })
  const empty = el('div', { className: 'empty-hint', testId: 'canvas-empty' })
  host.append(world, overlay, empty)
  const imageUrl = createImageUrls(emulator)
  const imageSize = (hash: string) => emulator.getImage(hash)

  const render = () => {
    const page = emulator.page
    const nodes = page.children
    const selected = new Set(page.selection.map((n) => n.id))
    empty.hidden = nodes.length > 0
    empty.textContent = 'Empty page — run Generate and the new frames land here.'
    if (nodes.length === 0) {
      world.replaceChildren()
      overlay.replaceChildren()
      return
    }
    const left = Math.min(...nodes.map((n) => n.x))
    const top = Math.min(...nodes.map((n) => n.y))
    const right = Math.max(...nodes.map((n) => n.x + n.width))
    const bottom = Math.max(...nodes.map((n) => n.y + n.height))
    const availableWidth = Math.max(100, host.clientWidth - options.reservedRight() - PADDING * 2)
    const availableHeight = Math.max(100, host.clientHeight - PADDING * 2 - LABEL_ROOM - BOTTOM_ROOM)
    const zoom = Math.min(availableWidth / (right - left), availableHeight / (bottom - top), 1)
    const originX = PADDING + (availableWidth - (right - left) * zoom) / 2 - left * zoom
    const originY = PADDING + LABEL_ROOM + (availableHeight - (bottom - top) * zoom) / 2 - top * zoom
    world.dataset.zoom = zoom.toFixed(4)

    const elements: HTMLElement[] = []
    for (const node of nodes) {
      const element = renderNode(node, { zoom, imageUrl, imageSize, selected })
      element.style.left = `${originX + node.x * zoom}px`
      element.style.top = `${originY + node.y * zoom}px`
      elements.push(element)
      if (node.type === 'FRAME' || node.type === 'SECTION' || node.type === 'COMPONENT' || node.type === 'INSTANCE') {
        const label = el('div', { className: 'frame-label', text: node.name, attrs: { 'data-select-id': node.id } })
        label.classList.toggle('is-selected', selected.has(node.id))
        label.style.left = `${originX + node.x * zoom}px`
        label.style.top = `${originY + node.y * zoom - 20}px`
        label.style.maxWidth = `${Math.max(40, node.width * zoom)}px`
        elements.push(label)
      }
    }
    world.replaceChildren(...elements)

    overlay.replaceChildren(
      ...page.selection.map((node) => {
        const box = node.absoluteBoundingBox!
        const outline = el('div', { className: 'selection-box' })
        outline.style.left = `${originX + box.x * zoom}px`
        outline.style.top = `${originY + box.y * zoom}px`
        outline.style.width = `${box.width * zoom}px`
        outline.style.height = `${box.height * zoom}px`
        if (page.selection.length === 1) {
          outline.append(el('span', { className: 'size-badge', text: `${round(box.width)} × ${round(box.height)}` }))
        }
        return outline
      }),
    )
  }

  host.addEventListener('click', (event) => {
    const target = event.target as HTMLElement
    const hit = target.closest<HTMLElement>('[data-node-id], [data-select-id]')
    const id = outermostInstance(emulator, hit?.dataset.nodeId ?? hit?.dataset.selectId)
    const current = emulator.page.selection.map((n) => n.id)
    if (!id) {
      if (!target.closest('.plugin-window') && current.length) emulator.user.select([])
      return
    }
    if (event.shiftKey) emulator.user.select(current.includes(id) ? current.filter((c) => c !== id) : [...current, id])
    else emulator.user.select([id])
  })

  // A placement changes fills, selection and notifications one after another: draw once per frame, not per change.
  let drawPending = false
  const scheduleRender = () => {
    if (drawPending) return
    drawPending = true
    requestAnimationFrame(() => {
      drawPending = false
      render()
    })
  }
  const stopChanges = emulator.onChange(scheduleRender)
  const resize = new ResizeObserver(scheduleRender)
  resize.observe(host)
  render()
  return {
    refresh: render,
    stop() {
      stopChanges()
      resize.disconnect()
    },
  }
}

/** As in Figma, a click on a layer inside an instance selects the instance (deep selection needs ⌘-click). */
function outermostInstance(emulator: FigmaEmulator, id: string | undefined): string | undefined {
  if (!id) return id
  let chosen = id
  for (let node: BaseNode | null = emulator.page.findOne((n) => n.id === id); node && node.type !== 'PAGE'; node = node.parent) {
    if (node.type === 'INSTANCE') chosen = node.id
  }
  return chosen
}

interface RenderContext {
  zoom: number
  imageUrl(hash: string): string | null
  imageSize(hash: string): { width: number; height: number } | null
  selected: Set<string>
}

function renderNode(node: SceneNode, context: RenderContext): HTMLElement {
  const { zoom, selected } = context
  const element = el('div', {
    className: 'node',
    attrs: { 'data-node-id': node.id, 'data-node-name': node.name, 'data-node-type': node.type },
  })
  if (selected.has(node.id)) element.dataset.selected = 'true'
  const style = element.style
  style.width = `${node.width * zoom}px`
  style.height = `${node.height * zoom}px`
  if (!node.visible) element.hidden = true
  if ('opacity' in node) style.opacity = String(node.opacity)
  if (node.type === 'ELLIPSE') style.borderRadius = '50%'
  else if ('cornerRadius' in node && typeof node.cornerRadius === 'number') style.borderRadius = `${node.cornerRadius * zoom}px`
  if (('clipsContent' in node && node.clipsContent) || node.type === 'ELLIPSE') style.overflow = 'hidden'

  const fills = 'fills' in node && Array.isArray(node.fills) ? (node.fills as readonly Paint[]) : []
  for (const paint of fills) {
    if (paint.visible === false) continue
    const layer = el('div', { className: 'fill', attrs: { 'data-fill': paint.type.toLowerCase() } })
    layer.style.opacity = String(paint.opacity ?? 1)
    paintLayer(layer.style, paint, node, context)
    element.append(layer)
  }
  if ('children' in node) {
    for (const child of node.children) {
      const childElement = renderNode(child, context)
      childElement.style.left = `${child.x * zoom}px`
      childElement.style.top = `${child.y * zoom}px`
      element.append(childElement)
    }
  }
  return element
}

function paintLayer(style: CSSStyleDeclaration, paint: Paint, node: SceneNode, { zoom, imageUrl, imageSize }: RenderContext): void {
  if (paint.type === 'SOLID') {
    style.background = rgb(paint.color)
    return
  }
  if (paint.type !== 'IMAGE') {
    if ('gradientStops' in paint) {
      style.background = `linear-gradient(90deg, ${paint.gradientStops.map((s) => `${rgb(s.color, s.color.a)} ${s.position * 100}%`).join(', ')})`
    }
    return
  }
  const url = paint.imageHash ? imageUrl(paint.imageHash) : null
  if (!url) {
    style.background = 'repeating-linear-gradient(45deg, #e6e6e6 0 8px, #f5f5f5 8px 16px)'
    return
  }
  style.backgroundImage = `url("${url}")`
  style.backgroundRepeat = 'no-repeat'
  style.backgroundPosition = 'center'
  if (paint.scaleMode === 'FILL') style.backgroundSize = 'cover'
  else if (paint.scaleMode === 'FIT') style.backgroundSize = 'contain'
  else if (paint.scaleMode === 'TILE') {
    const image = paint.imageHash ? imageSize(paint.imageHash) : null
    style.backgroundRepeat = 'repeat'
    style.backgroundPosition = '0 0'
    if (image) style.backgroundSize = `${image.width * (paint.scalingFactor ?? 0.5) * zoom}px auto`
  } else {
    // CROP: axis-aligned imageTransform [[a, 0, tx], [0, d, ty]] shows the image's [tx, tx+a] × [ty, ty+d].
    const [[a, , tx], [, d, ty]] = paint.imageTransform ?? [[1, 0, 0], [0, 1, 0]]
    const width = (node.width * zoom) / (a || 1)
    const height = (node.height * zoom) / (d || 1)
    style.backgroundSize = `${width}px ${height}px`
    style.backgroundPosition = `${-tx * width}px ${-ty * height}px`
  }
}

function rgb({ r, g, b }: RGB, alpha = 1): string {
  return `rgba(${Math.round(r * 255)}, ${Math.round(g * 255)}, ${Math.round(b * 255)}, ${alpha})`
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1)
}
